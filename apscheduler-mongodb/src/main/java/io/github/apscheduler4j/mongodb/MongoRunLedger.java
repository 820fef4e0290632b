package io.github.apscheduler4j.mongodb;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobCodec;
import io.github.apscheduler4j.store.JobCodec.UndecodableJobException;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.QuarantinedJob;
import io.github.apscheduler4j.store.RunLedger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The {@link RunLedger} of a {@link MongoJobStore}: a collection beside the jobs collection ({@code <collection>_runs}
 * unless the builder names another), with one document per claimed run that has not ended:
 * <ul>
 * <li>{@code _id}: {@code <job id>@<fire time in epoch milliseconds>}, unique, so that one fire has at most one run;
 * <li>{@code job_id}; {@code fire_time} (epoch milliseconds, for sorting and querying) and {@code fire_time_exact}
 * (ISO-8601, the fire time to the nanosecond, as the scheduler names the fire);
 * <li>{@code instance_id} (the holder, indexed; {@code null} while the run waits), {@code lease_end} (epoch
 * milliseconds, indexed), {@code attempt}, {@code phase} ({@code RUNNING}, {@code RETRY_DUE}, {@code HANDED_BACK}) and
 * {@code version} (grows with every write, for the compare-and-set of {@link #takeOver});
 * <li>{@code job_state} (the job as claimed, as {@link JobCodec#encode} writes it), {@code job_version} (the version
 * of the job document the claim was made on) and {@code job_next_run_time};
 * <li>{@code claim_id}: the random id of the claim that recorded the run, which the claim also writes on the job;
 * <li>{@code pending}: {@code true} from the run's insert until its claim is known to have won;
 * {@code uncertain}: set when the ledger could not tell whether the claim of a pending run won (see below);
 * {@code quarantined}: why the document cannot be read back, when it cannot.
 * </ul>
 *
 * <h2>A claim and its run without transactions</h2>
 * MongoDB writes one document atomically, and the store does not rely on transactions (they need a replica set). A
 * claim that records a run ({@link JobClaim#run()}) therefore takes these steps, each for the whole batch at once:
 * <ol>
 * <li><b>Insert the runs</b>, {@code pending}, in one unordered {@code insertMany}. A duplicate {@code _id} means
 * that the fire already has a run (another instance's claim of the same fire, won or under way): that claim is lost
 * and its job is not written. A claim whose run could not be inserted is not attempted.
 * <li><b>Claim the jobs</b>: one unordered bulk of compare-and-set updates on {@code _id} and {@code version} that move
 * each job on and set its {@code claim_id} to the claim's random id, which its run holds too (the claim's mark on the
 * job document, written atomically with the claim: one per claim, not per fire, since a fire whose run ended may be
 * claimed again by an instance that read the job before, and must lose); a claim that exhausts its job's trigger
 * deletes the job instead, one compare-and-set {@code deleteOne} each, so that each answers for itself. When fewer
 * updates matched than were sent, the job documents are read back: a claim won when its job carries its
 * {@code claim_id}; it lost when the job still has the version read, or the version after it without the mark (that
 * write was another's).
 * <li><b>Settle the runs</b>, in one bulk write: the runs of claims that won are confirmed ({@code pending} unset), the
 * runs of claims that lost are deleted. When this write fails, it is tried again at the next heartbeat
 * ({@link #upForGrabs}). A claim whose outcome is not known (the read-back could not tell, since its job was deleted
 * or written twice more in the meantime; or a write threw) is reported lost to the scheduler, or the batch throws, and
 * its run is left pending: the instance settles it as below at its next heartbeat, from the job document, except that
 * a run whose claim won is <em>handed back</em> ({@link ClaimedRun.Phase#HANDED_BACK}), since no instance has run it.
 * </ol>
 * So a claim never wins without its run: the run is written before the claim and deleted only when the claim lost.
 * An instance that dies, or loses the database, between two of these steps leaves a pending run, held by it, whose
 * lease runs out since nobody renews it. When such a run is {@linkplain #upForGrabs up for grabs}, the ledger settles
 * it from its job document before it returns it (a pending run whose claim is under way in this instance is left to
 * the claim):
 * <ul>
 * <li>the job carries the run's {@code claim_id}: the claim won, the run is confirmed and returned
 * (its instance died with it; the scheduler reruns it or reports it abandoned, as the job's recovery says);
 * <li>the job still has the version the claim was made on, or the next version without the mark: the claim never
 * won, and the run is deleted, not returned. The fire is still due (or was claimed since by another instance, whose
 * run it is) and is claimed as any other: no fire runs twice because of a half-done claim;
 * <li>otherwise (the job is gone, or was written more than once since): the ledger cannot tell whether the claim won.
 * The run is marked {@code uncertain} and returned with the job's recovery set to {@link Recovery#NONE}: the
 * scheduler reports it abandoned, and never runs it, since the fire may have run elsewhere.
 * </ul>
 * A pending run also blocks the claim of its fire by others (its {@code _id} is taken) until it is settled: at most
 * one lease duration after its instance died.
 *
 * <p>A claim that won and whose instance then paused for longer than a lease (so that another settled its pending run
 * as never won before the claim's write landed) runs without a run document: the claiming instance logs this as an
 * error when its confirmation finds the run gone.
 *
 * <h2>Documents that cannot be read back</h2>
 * A run document whose job state cannot be decoded (or whose fields are not what the ledger writes) is flagged with
 * {@code quarantined} (the reason), logged once as an error (its fire has no outcome the scheduler can report), and
 * then kept as it is: never taken over, never deleted by the ledger, left out of {@link #all()} and
 * {@link #upForGrabs}, and listed by {@link #quarantinedRuns()}. Delete it from the collection to clear it. A failure
 * to read that is not a verdict on the document (the job's target cannot be resolved here) skips the document on
 * this reading only, logged once.
 *
 * <p>Removing jobs does not touch their runs: {@code removeJob} and {@code removeAllJobs} leave the runs collection
 * alone, and the run of a removed job still ends, is retried or is taken over as any other. Thread safe.
 */
public final class MongoRunLedger implements RunLedger {

    private static final Logger log = LoggerFactory.getLogger(MongoRunLedger.class);

    static final String ID = "_id";
    static final String JOB_ID = "job_id";
    static final String FIRE_TIME = "fire_time";
    static final String FIRE_TIME_EXACT = "fire_time_exact";
    static final String INSTANCE_ID = "instance_id";
    static final String LEASE_END = "lease_end";
    static final String ATTEMPT = "attempt";
    static final String PHASE = "phase";
    static final String VERSION = "version";
    static final String JOB_STATE = "job_state";
    static final String JOB_VERSION = "job_version";
    static final String JOB_NEXT_RUN_TIME = "job_next_run_time";
    static final String PENDING = "pending";
    static final String UNCERTAIN = "uncertain";
    static final String QUARANTINED = "quarantined";
    static final String CLAIM_ID = MongoJobStore.CLAIM_ID;

    private static final int DUPLICATE_KEY = 11000;
    // what settling answers for a run it deleted
    private static final Document DROPPED = new Document();

    private final MongoTemplate template;
    private final String collection;
    private final String jobsCollection;
    private final Set<String> failedReads = ConcurrentHashMap.newKeySet();
    // the _ids of runs recorded here whose claims ended without telling whether they won (an error, a read-back
    // that could not tell): settled from their jobs at the next heartbeat, not when their lease runs out, since this
    // instance renews it while it lives
    private final Set<String> unsettled = ConcurrentHashMap.newKeySet();
    // the _ids of runs whose claims are under way here: never settled from their jobs meanwhile
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    // the _ids of runs whose claims won, or lost, here and whose confirmation, or deletion, failed: tried again at the
    // next heartbeat
    private final Set<String> toConfirm = ConcurrentHashMap.newKeySet();
    private final Set<String> toDrop = ConcurrentHashMap.newKeySet();
    private volatile JobCodec codec;
    private volatile JobStoreContext context;

    MongoRunLedger(MongoTemplate template, String collection, String jobsCollection) {
        this.template = Objects.requireNonNull(template, "template");
        this.collection = Objects.requireNonNull(collection, "collection");
        this.jobsCollection = Objects.requireNonNull(jobsCollection, "jobsCollection");
    }

    /** The name of the runs collection. */
    public String collection() {
        return collection;
    }

    /**
     * Called by the store's start: makes sure the indexes exist, on {@code lease_end} (what is up for grabs) and on
     * {@code instance_id} (what an instance renews).
     */
    void start(JobStoreContext started) {
        codec = new JobCodec(started);
        context = started;
        template.indexOps(collection).createIndex(new Index().on(LEASE_END, Sort.Direction.ASC).named("lease_end_idx"));
        template.indexOps(collection).createIndex(new Index().on(INSTANCE_ID, Sort.Direction.ASC)
                .named("instance_id_idx"));
    }

    /** The run's {@code _id}: {@code jobId@fireMillis}. */
    static String runId(ClaimedRun run) {
        return run.jobId() + "@" + run.fireTime().toEpochMilli();
    }

    // ---------------------------------------------------------------- claims (called by the store)

    /**
     * Step 1 of a claim: inserts the runs of the claims that carry one, pending, in one unordered insert.
     *
     * @return which claims may go on to be written: those without a run, and those whose run was inserted
     */
    BitSet insertPending(List<JobClaim> claims, List<String> marks) {
        BitSet goOn = new BitSet(claims.size());
        List<Document> documents = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            JobClaim claim = claims.get(i);
            if (claim.run() == null) {
                goOn.set(i);
            } else {
                documents.add(document(claim.run(), claim.due(), true).append(CLAIM_ID, marks.get(i)));
                positions.add(i);
            }
        }
        if (documents.isEmpty()) {
            return goOn;
        }
        BitSet failed = new BitSet(documents.size());
        documents.forEach(document -> inFlight.add((String) document.get(ID)));
        try {
            insertMany(documents, failed);
        } catch (RuntimeException e) {
            // which were inserted is not known: this instance's among them are settled at the next heartbeat
            documents.forEach(document -> {
                unsettled.add((String) document.get(ID));
                inFlight.remove((String) document.get(ID));
            });
            throw e;
        }
        for (int d = 0; d < documents.size(); d++) {
            if (!failed.get(d)) {
                goOn.set(positions.get(d));
                // a run left unsettled by an earlier claim of this fire is gone, since this one could be inserted
                String id = (String) documents.get(d).get(ID);
                unsettled.remove(id);
                toConfirm.remove(id);
                toDrop.remove(id);
            }
        }
        return goOn;
    }

    private void insertMany(List<Document> documents, BitSet failed) {
        template.execute(collection, runs -> {
            try {
                runs.insertMany(documents, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    failed.set(error.getIndex());
                    if (error.getCode() != DUPLICATE_KEY
                            && ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        log.warn("Run {} of job store '{}' could not be recorded, so its claim is not made: {}",
                                documents.get(error.getIndex()).get(ID), alias(), error.getMessage());
                    }
                }
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * Step 3 of a claim: confirms the runs of the claims that won and deletes those of the claims that lost, in one
     * bulk write; leaves the rest pending. Never throws: a run left pending is settled when up for grabs.
     */
    void settle(List<JobClaim> claims, BitSet attempted, BitSet won, BitSet lost) {
        List<String> confirmed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            ClaimedRun run = claims.get(i).run();
            if (run != null) {
                inFlight.remove(runId(run));
            }
            if (run == null || !attempted.get(i)) {
                continue;
            }
            if (won.get(i)) {
                confirmed.add(runId(run));
            } else if (lost.get(i)) {
                deleted.add(runId(run));
            } else {
                // whether its claim won is not known: settled from its job at the next heartbeat
                unsettled.add(runId(run));
            }
        }
        try {
            confirmAndDrop(confirmed, deleted, true);
        } catch (RuntimeException e) {
            toConfirm.addAll(confirmed);
            toDrop.addAll(deleted);
            log.warn("Runs just claimed in job store '{}' could not be settled (confirmed {}, dropped {}); they stay"
                    + " pending, and this is tried again at the next heartbeat", alias(), confirmed, deleted, e);
        }
    }

    /** Confirms the runs of claims that won here and deletes those of claims that lost here, in one bulk write. */
    private void confirmAndDrop(List<String> confirmed, List<String> deleted, boolean justClaimed) {
        List<WriteModel<Document>> writes = new ArrayList<>(2);
        if (!confirmed.isEmpty()) {
            writes.add(new UpdateManyModel<>(Filters.and(Filters.in(ID, confirmed), Filters.eq(PENDING, true)),
                    Updates.unset(PENDING)));
        }
        if (!deleted.isEmpty()) {
            writes.add(new DeleteManyModel<>(Filters.and(Filters.in(ID, deleted), Filters.eq(PENDING, true))));
        }
        if (writes.isEmpty()) {
            return;
        }
        long matched = template.execute(collection, runs -> (long) runs.bulkWrite(writes).getMatchedCount());
        if (justClaimed && matched < confirmed.size()) {
            log.error("Job store '{}': of the {} runs claimed here, {} are no longer pending in collection {}: this"
                    + " instance paused longer than a lease between recording them and claiming their jobs, and another"
                    + " instance settled them. Their fires run here without a run record", alias(), confirmed.size(),
                    confirmed.size() - matched, collection);
        }
    }

    /** Tries again the confirmations and deletions that failed after claims here. */
    private void retrySettling() {
        if (toConfirm.isEmpty() && toDrop.isEmpty()) {
            return;
        }
        List<String> confirmed = new ArrayList<>(toConfirm);
        List<String> deleted = new ArrayList<>(toDrop);
        // a run inserted again by a claim under way here is that claim's
        confirmed.removeAll(inFlight);
        deleted.removeAll(inFlight);
        confirmAndDrop(confirmed, deleted, false);
        confirmed.forEach(toConfirm::remove);
        deleted.forEach(toDrop::remove);
    }

    // ---------------------------------------------------------------- the ledger

    /** Records runs outside a claim (upserts them, confirmed): the scheduler does not call it for this store. */
    @Override
    public void record(List<ClaimedRun> runs) {
        for (ClaimedRun run : runs) {
            template.execute(collection, documents -> documents.replaceOne(Filters.eq(ID, runId(run)),
                    document(run, run.job(), false), new ReplaceOptions().upsert(true)));
        }
    }

    // renew, end, release and take-over go to the driver straight (through the template, which translates its
    // errors): they are on every run's path, and Spring's query mapping would double their cost

    @Override
    public void renew(String instanceId, Collection<ClaimedRun> runs, Instant leaseEnd) {
        if (runs.isEmpty()) {
            return;
        }
        Bson held = Filters.and(Filters.in(ID, runs.stream().map(MongoRunLedger::runId).toList()),
                Filters.eq(INSTANCE_ID, instanceId), Filters.eq(PHASE, ClaimedRun.Phase.RUNNING.name()));
        Bson renewed = Updates.combine(Updates.set(LEASE_END, leaseEnd.toEpochMilli()), Updates.inc(VERSION, 1L));
        template.execute(collection, documents -> documents.updateMany(held, renewed));
    }

    @Override
    public void expireLeases(String instanceId, Instant now) {
        Bson held = Filters.and(Filters.eq(INSTANCE_ID, instanceId), Filters.eq(PHASE, ClaimedRun.Phase.RUNNING.name()),
                Filters.gt(LEASE_END, now.toEpochMilli()));
        Bson expired = Updates.combine(Updates.set(LEASE_END, now.toEpochMilli()), Updates.inc(VERSION, 1L));
        template.execute(collection, documents -> documents.updateMany(held, expired));
    }

    @Override
    public void end(ClaimedRun run) {
        if (run.instanceId() == null) {
            return;
        }
        Bson held = Filters.and(Filters.eq(ID, runId(run)), Filters.eq(INSTANCE_ID, run.instanceId()));
        template.execute(collection, runs -> runs.deleteOne(held));
    }

    @Override
    public boolean release(ClaimedRun run, ClaimedRun.Phase phase, int attempt, Instant from) {
        if (run.instanceId() == null) {
            return false;
        }
        Bson held = Filters.and(Filters.eq(ID, runId(run)), Filters.eq(INSTANCE_ID, run.instanceId()));
        Bson waiting = Updates.combine(Updates.set(PHASE, phase.name()), Updates.set(INSTANCE_ID, null),
                Updates.set(LEASE_END, from.toEpochMilli()), Updates.set(ATTEMPT, attempt), Updates.inc(VERSION, 1L));
        return template.execute(collection, runs -> runs.updateOne(held, waiting).getMatchedCount()) == 1;
    }

    /**
     * The runs up for grabs at {@code now}, oldest fire first; pending runs among them are settled first (see the
     * class comment), so that fewer than {@code limit} may come back although more are up for grabs.
     */
    @Override
    public List<ClaimedRun> upForGrabs(Instant now, int limit) {
        long millis = now.toEpochMilli();
        Criteria running = where(PHASE).is(ClaimedRun.Phase.RUNNING.name()).and(LEASE_END).lt(millis);
        Criteria waiting = where(PHASE).ne(ClaimedRun.Phase.RUNNING.name()).and(LEASE_END).lte(millis);
        Query due = query(new Criteria().orOperator(running, waiting).and(QUARANTINED).is(null))
                .with(Sort.by(FIRE_TIME, JOB_ID)).limit(limit);
        retrySettling();
        List<Document> documents = new ArrayList<>(template.find(due, Document.class, collection));
        List<Document> own = unsettled.isEmpty() ? List.of() : ownUnsettled(documents);
        if (!own.isEmpty()) {
            documents.addAll(own);
            documents.sort(Comparator.comparing((Document document) -> document.get(FIRE_TIME) instanceof Number
                    number ? number.longValue() : Long.MIN_VALUE)
                    .thenComparing(document -> String.valueOf(document.get(JOB_ID))));
        }
        Map<String, Document> jobs = jobsOfPending(documents);
        List<ClaimedRun> runs = new ArrayList<>(documents.size());
        for (Document document : documents) {
            String id = String.valueOf(document.get(ID));
            boolean mine = unsettled.contains(id) && Objects.equals(instanceId(), document.get(INSTANCE_ID));
            boolean pending = Boolean.TRUE.equals(document.get(PENDING));
            if (pending && inFlight.contains(id)) {
                // its claim is under way here, later than its lease: the claim settles it
                continue;
            }
            Document settled = pending ? settle(document, jobs, mine, now) : document;
            if (mine && settled != null) {
                // settled here (else another write came first: looked at again at the next heartbeat)
                unsettled.remove(id);
            }
            ClaimedRun run = settled == null || settled == DROPPED ? null : read(settled);
            // a run its lease ran out on within the last millisecond is not up for grabs yet; this instance's
            // unsettled runs are, once settled, although it renews their lease: the scheduler was told that their
            // claims lost or failed, so it does not run them
            if (run != null && (mine || run.isUpForGrabs(now))) {
                runs.add(run);
            }
        }
        return runs.size() > limit ? runs.subList(0, limit) : runs;
    }

    @Override
    public ClaimedRun takeOver(ClaimedRun seen, String instanceId, int attempt, Instant leaseEnd) {
        Bson unchanged = Filters.and(Filters.eq(ID, runId(seen)), Filters.eq(VERSION, seen.version()),
                Filters.eq(QUARANTINED, null));
        Bson taken = Updates.combine(Updates.set(PHASE, ClaimedRun.Phase.RUNNING.name()),
                Updates.set(INSTANCE_ID, instanceId), Updates.set(LEASE_END, leaseEnd.toEpochMilli()),
                Updates.set(ATTEMPT, attempt), Updates.unset(PENDING), Updates.inc(VERSION, 1L));
        return template.execute(collection, runs -> runs.updateOne(unchanged, taken).getMatchedCount()) == 1
                ? seen.moved(ClaimedRun.Phase.RUNNING, instanceId, leaseEnd, attempt) : null;
    }

    /** Every run that can be read back, pending ones included (claims under way, or not settled yet). */
    @Override
    public List<ClaimedRun> all() {
        List<ClaimedRun> all = new ArrayList<>();
        for (Document document : template.find(query(where(QUARANTINED).is(null)).with(Sort.by(FIRE_TIME, JOB_ID)),
                Document.class, collection)) {
            ClaimedRun run = read(document);
            if (run != null) {
                all.add(run);
            }
        }
        return all;
    }

    /**
     * The run documents flagged as unreadable, by {@code _id}: their fires have no outcome the scheduler could report.
     * Kept until deleted from the collection.
     */
    public List<QuarantinedJob> quarantinedRuns() {
        return template.find(query(where(QUARANTINED).ne(null)).with(Sort.by(ID)), Document.class, collection).stream()
                .map(document -> new QuarantinedJob(String.valueOf(document.get(ID)), document.getString(QUARANTINED),
                        document.get(JOB_STATE) instanceof String state ? state : null))
                .toList();
    }

    // ---------------------------------------------------------------- settling pending runs

    /** This instance's unsettled runs that are still pending and not among {@code found}; forgets the others. */
    private List<Document> ownUnsettled(List<Document> found) {
        Set<Object> seen = new HashSet<>();
        found.forEach(document -> seen.add(document.get(ID)));
        List<String> ids = new ArrayList<>(unsettled);
        ids.removeAll(inFlight);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Document> own = new ArrayList<>();
        Query query = query(where(ID).in(ids).and(PENDING).is(true).and(INSTANCE_ID).is(instanceId())
                .and(QUARANTINED).is(null));
        Set<Object> pending = new HashSet<>();
        for (Document document : template.find(query, Document.class, collection)) {
            pending.add(document.get(ID));
            if (!seen.contains(document.get(ID))) {
                own.add(document);
            }
        }
        ids.stream().filter(id -> !pending.contains(id)).forEach(unsettled::remove);
        return own;
    }

    /** The job documents of the pending runs among {@code documents}, by id (only the fields settling reads). */
    private Map<String, Document> jobsOfPending(List<Document> documents) {
        List<Object> ids = documents.stream().filter(document -> Boolean.TRUE.equals(document.get(PENDING)))
                .map(document -> document.get(JOB_ID)).distinct().toList();
        Map<String, Document> jobs = new HashMap<>();
        if (ids.isEmpty()) {
            return jobs;
        }
        Query query = query(where(ID).in(ids));
        query.fields().include(ID, VERSION, MongoJobStore.CLAIM_ID);
        for (Document job : template.find(query, Document.class, jobsCollection)) {
            jobs.put(String.valueOf(job.get(ID)), job);
        }
        return jobs;
    }

    /**
     * Settles a pending run from its job document: the document as confirmed (or handed back, or marked uncertain)
     * when this call did so, {@link #DROPPED} when this call deleted this instance's own run, or {@code null} when it
     * deleted another's or another write came first.
     *
     * @param mine whether the run is one of this instance's whose claim ended without telling whether it won: the
     *     scheduler here was told it lost, so a run whose claim won is handed back, for any instance to run at once
     */
    private Document settle(Document run, Map<String, Document> jobs, boolean mine, Instant now) {
        Object id = run.get(ID);
        Document job = jobs.get(String.valueOf(run.get(JOB_ID)));
        Query stillPending = query(where(ID).is(id).and(VERSION).is(run.get(VERSION)).and(PENDING).is(true));
        Long claimedOn = run.get(JOB_VERSION) instanceof Number number ? number.longValue() : null;
        Long jobVersion = job != null && job.get(VERSION) instanceof Number number ? number.longValue() : null;
        boolean marked = job != null && run.get(CLAIM_ID) != null && run.get(CLAIM_ID).equals(job.get(CLAIM_ID));
        if (marked && mine) {
            Update handBack = new Update().unset(PENDING).set(PHASE, ClaimedRun.Phase.HANDED_BACK.name())
                    .set(INSTANCE_ID, null).set(LEASE_END, now.toEpochMilli()).inc(VERSION, 1L);
            if (template.updateFirst(stillPending, handBack, collection).getModifiedCount() == 1) {
                log.info("Run {} of job store '{}': its claim here won although it failed to say so; it is handed back,"
                        + " for any instance to run", id, alias());
                run.remove(PENDING);
                run.put(PHASE, ClaimedRun.Phase.HANDED_BACK.name());
                run.put(INSTANCE_ID, null);
                run.put(LEASE_END, now.toEpochMilli());
                run.put(VERSION, ((Number) run.get(VERSION)).longValue() + 1);
                return run;
            }
            return null;
        }
        if (marked) {
            if (template.updateFirst(stillPending, new Update().unset(PENDING), collection).getModifiedCount() == 1) {
                log.info("Run {} of job store '{}': its instance '{}' claimed it and stopped before confirming it"
                        + " (it died or lost the database); the claim won, so the run is recovered", id, alias(),
                        run.get(INSTANCE_ID));
                run.remove(PENDING);
                return run;
            }
            return null;
        }
        if (claimedOn != null && jobVersion != null && (jobVersion.equals(claimedOn) || jobVersion == claimedOn + 1)) {
            if (template.remove(stillPending, collection).getDeletedCount() == 1) {
                if (mine) {
                    log.debug("Run {} of job store '{}': its claim here did not win; the record is dropped", id,
                            alias());
                    return DROPPED;
                }
                log.info("Run {} of job store '{}': its instance '{}' recorded it and stopped before its claim won"
                        + " (it died or lost the database); the record is dropped and the fire is claimed as usual",
                        id, alias(), run.get(INSTANCE_ID));
            }
            return null;
        }
        if (template.updateFirst(stillPending, new Update().unset(PENDING).set(UNCERTAIN, true), collection)
                .getModifiedCount() == 1) {
            log.warn("Run {} of job store '{}': its instance '{}' recorded it and stopped during its claim, and the job"
                    + " {} since, so whether the claim won cannot be told; it is reported abandoned and not run"
                    + " again, since it may have run elsewhere", id, alias(), run.get(INSTANCE_ID),
                    job == null ? "was removed" : "was written more than once");
            run.remove(PENDING);
            run.put(UNCERTAIN, true);
            return run;
        }
        return null;
    }

    // ---------------------------------------------------------------- documents

    private static Document document(ClaimedRun run, Job job, boolean pending) {
        Document document = new Document(ID, runId(run))
                .append(JOB_ID, run.jobId())
                .append(FIRE_TIME, run.fireTime().toEpochMilli())
                .append(FIRE_TIME_EXACT, run.fireTime().toString())
                .append(INSTANCE_ID, run.instanceId())
                .append(LEASE_END, run.leaseEnd().toEpochMilli())
                .append(ATTEMPT, run.attempt())
                .append(PHASE, run.phase().name())
                .append(VERSION, run.version())
                .append(JOB_STATE, JobCodec.encode(run.job()))
                .append(JOB_VERSION, job.version())
                .append(JOB_NEXT_RUN_TIME, run.job().nextRunTime() == null ? null
                        : run.job().nextRunTime().toInstant().toEpochMilli());
        if (pending) {
            document.append(PENDING, true);
        }
        return document;
    }

    /** The document's run, or {@code null} when it cannot be read (flagged and logged once, or skipped this time). */
    private ClaimedRun read(Document document) {
        JobCodec current = codec;
        if (current == null) {
            throw new IllegalStateException("MongoRunLedger on " + collection + " has not been started by a scheduler");
        }
        Object id = document.get(ID);
        try {
            return decode(document, current);
        } catch (UndecodableJobException e) {
            quarantine(id, e.reason());
        } catch (RuntimeException e) {
            if (failedReads.add(id + "@" + document.get(VERSION))) {
                log.error("Run {} of job store '{}' is skipped: reading it failed; the document is kept as it is", id,
                        alias(), e);
            }
        }
        return null;
    }

    private static ClaimedRun decode(Document document, JobCodec codec) {
        Object id = document.get(ID);
        String jobId = string(document, JOB_ID, id);
        long fireMillis = whole(document, FIRE_TIME, id);
        Instant fireTime = Instant.ofEpochMilli(fireMillis);
        if (document.get(FIRE_TIME_EXACT) instanceof String exact) {
            try {
                Instant precise = Instant.parse(exact);
                if (precise.toEpochMilli() == fireMillis) {
                    fireTime = precise;
                }
            } catch (DateTimeParseException e) {
                // the millisecond field stands
            }
        }
        Object holder = document.get(INSTANCE_ID);
        if (holder != null && !(holder instanceof String)) {
            throw undecodable(id, INSTANCE_ID + " is not a string but " + describe(holder));
        }
        ClaimedRun.Phase phase;
        try {
            phase = ClaimedRun.Phase.valueOf(string(document, PHASE, id));
        } catch (IllegalArgumentException e) {
            throw undecodable(id, PHASE + " is not one of RUNNING, RETRY_DUE, HANDED_BACK but " + document.get(PHASE));
        }
        long attempt = whole(document, ATTEMPT, id);
        if (attempt < 1 || attempt > Integer.MAX_VALUE) {
            throw undecodable(id, ATTEMPT + " is not a whole number from 1 but " + attempt);
        }
        Object nextRunTime = document.get(JOB_NEXT_RUN_TIME);
        if (!(document.get(JOB_STATE) instanceof String state)) {
            throw undecodable(id, JOB_STATE + " is not a string but " + describe(document.get(JOB_STATE)));
        }
        Job job = codec.decode(jobId, state, nextRunTime instanceof Number millis ? Instant.ofEpochMilli(
                millis.longValue()) : null, document.get(JOB_VERSION) instanceof Number version ? version.longValue()
                : 0);
        if (Boolean.TRUE.equals(document.get(UNCERTAIN))) {
            // whether its claim won is not known: it may have run elsewhere, so it is never run again
            job = job.toBuilder().runPolicy(job.runPolicy().withRecovery(Recovery.NONE)).build();
        }
        return new ClaimedRun(jobId, fireTime, (String) holder, Instant.ofEpochMilli(whole(document, LEASE_END, id)),
                (int) attempt, phase, whole(document, VERSION, id), job);
    }

    private static String string(Document document, String field, Object id) {
        if (document.get(field) instanceof String value) {
            return value;
        }
        throw undecodable(id, field + " is not a string but " + describe(document.get(field)));
    }

    private static long whole(Document document, String field, Object id) {
        if (document.get(field) instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw undecodable(id, field + " is not a whole number but " + describe(document.get(field)));
    }

    private static UndecodableJobException undecodable(Object id, String reason) {
        return new UndecodableJobException(String.valueOf(id), reason, null);
    }

    private static String describe(Object value) {
        return value == null ? "missing" : value.getClass().getSimpleName() + " " + value;
    }

    private void quarantine(Object id, String reason) {
        Bson unflagged = Filters.and(Filters.eq(ID, id), Filters.eq(QUARANTINED, null));
        long flagged = template.execute(collection, runs -> runs.updateOne(unflagged, Updates.set(QUARANTINED, reason))
                .getModifiedCount());
        if (flagged == 1) {
            log.error("Run {} of job store '{}' cannot be read back and is quarantined: kept in collection {}, never"
                    + " taken over, listed by quarantinedRuns(); its fire has no outcome this scheduler can report."
                    + " Delete the document to clear it. Reason: {}", id, alias(), collection, reason);
        }
    }

    private String instanceId() {
        JobStoreContext current = context;
        return current == null ? null : current.instanceId();
    }

    private String alias() {
        JobStoreContext current = context;
        return current == null ? "?" : current.alias();
    }

    @Override
    public String toString() {
        return "MongoRunLedger[collection=" + collection + "]";
    }
}
