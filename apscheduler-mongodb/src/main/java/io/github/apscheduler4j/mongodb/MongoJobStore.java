package io.github.apscheduler4j.mongodb;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobCodec;
import io.github.apscheduler4j.store.JobCounts;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.QuarantinedJob;
import io.github.apscheduler4j.store.StaleJobException;
import io.github.apscheduler4j.store.StoredJobReader.StoredJob;
import io.github.apscheduler4j.store.StoredJobReader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Keeps jobs in a MongoDB collection: APScheduler's {@code MongoDBJobStore}, on Spring Data MongoDB. One document
 * per job: {@code _id}, {@code next_run_time} (epoch milliseconds, indexed; {@code null} while paused),
 * {@code version}, {@code quarantined} (why the document cannot be read back, when it cannot) and {@code job_state},
 * the job's JSON state as a string, exactly as {@link JobCodec} writes it. A string rather than a sub-document:
 * numbers keep the JSON types the codec reads back (BSON would turn them into int32, int64 or double of its own
 * choosing), argument keys need not be valid field names ({@code $}, {@code .}), the JDBC store holds the very same
 * text, and a corrupt state is kept and reported as found. {@link #claimJob} is an update filtered on
 * {@code _id} and {@code version}. Database errors surface as Spring's {@code DataAccessException}s.
 *
 * <p>The store is {@linkplain #isShared() shared}: each claim that wins also sets {@code claimed_by} (the claiming
 * scheduler's instance id) and {@code claimed_at} (epoch milliseconds, by its clock), in the same update, and a claim
 * made by {@link #claimJobs} sets {@code claim_id} (a random id of the claim, which its run keeps too).
 * The runs claimed and not ended are kept in a second collection, {@code <collection>_runs} unless the builder's
 * {@link Builder#runsCollection(String) runsCollection} names another: the store's {@link #runLedger()}, a
 * {@link MongoRunLedger}, whose comment tells how a claim and its run are written without a transaction. Other
 * instances see changes at their store poll interval (change streams are not used: they
 * need a replica set).
 *
 * <p>Made with {@link #builder(MongoClient)} or {@link #builder(MongoTemplate)} (the caller's, never closed by the
 * store), or by {@link MongoJobStoreFactory} from a URI (a client the store owns and closes on {@link #shutdown()}).
 * Thread safe.
 */
public final class MongoJobStore implements JobStore {

    public static final String DEFAULT_DATABASE = "apscheduler";
    public static final String DEFAULT_COLLECTION = "jobs";

    private static final Logger log = LoggerFactory.getLogger(MongoJobStore.class);
    private static final String ID = "_id";
    private static final String NEXT_RUN_TIME = "next_run_time";
    private static final String VERSION = "version";
    private static final String QUARANTINED = "quarantined";
    private static final String STATE = "job_state";
    private static final String CLAIMED_BY = "claimed_by";
    private static final String CLAIMED_AT = "claimed_at";
    private static final int IDS_PER_QUERY = 1000;
    /** The mark a claim leaves on its job, unique to the claim and kept in its run too; see {@link MongoRunLedger}. */
    static final String CLAIM_ID = "claim_id";

    private final MongoTemplate template;
    private final String collection;
    private final MongoClient ownedClient;
    private final MongoRunLedger runs;
    private volatile StoredJobReader reader;
    private volatile JobStoreContext context;

    private MongoJobStore(MongoTemplate template, String collection, String runsCollection, MongoClient ownedClient) {
        this.runs = new MongoRunLedger(template, runsCollection, collection);
        this.template = template;
        this.collection = collection;
        this.ownedClient = ownedClient;
    }

    /** A store in database {@value #DEFAULT_DATABASE} (unless set) of {@code client}, which stays the caller's to close. */
    public static Builder builder(MongoClient client) {
        return new Builder(Objects.requireNonNull(client, "client"), null);
    }

    /** A store in {@code template}'s database (the builder's {@code database} is not used). */
    public static Builder builder(MongoTemplate template) {
        return new Builder(null, Objects.requireNonNull(template, "template"));
    }

    /** Makes sure the next-run-time index and the runs' lease-end index exist. */
    @Override
    public void start(JobStoreContext context) {
        reader = new StoredJobReader(context, "collection " + collection, this::quarantine, log);
        this.context = context;
        template.indexOps(collection).createIndex(new Index().on(NEXT_RUN_TIME, Sort.Direction.ASC)
                .named("next_run_time_idx"));
        runs.start(context);
        log.info("Job store '{}': collection {} of MongoDB database {} (claimed runs in {})", context.alias(),
                collection, template.getDb().getName(), runs.collection());
    }

    /** Always: other schedulers may share the collection. */
    @Override
    public boolean isShared() {
        return true;
    }

    /** Closes the client the store made from a URI; a client or template given to the builder is left open. */
    @Override
    public void shutdown() {
        if (ownedClient != null) {
            ownedClient.close();
        }
    }

    @Override
    public Job lookupJob(String id) {
        return jobs(query(where(ID).is(id).and(QUARANTINED).is(null))).stream().findFirst().orElse(null);
    }

    @Override
    public List<Job> dueJobs(Instant now) {
        List<Job> due = jobs(query(where(NEXT_RUN_TIME).lte(now.toEpochMilli()).and(QUARANTINED).is(null))
                .with(Sort.by(NEXT_RUN_TIME, ID)));
        // the field holds milliseconds; a job due later within the last one is not due yet
        due.removeIf(job -> job.nextRunTime().toInstant().isAfter(now));
        return due;
    }

    @Override
    public Instant nextRunTime() {
        return earliest(where(NEXT_RUN_TIME).ne(null));
    }

    /** As the JDBC store's: from the millisecond of {@code instant} on, since the field holds milliseconds. */
    @Override
    public Instant nextRunTimeAfter(Instant instant) {
        return earliest(where(NEXT_RUN_TIME).gte(instant.toEpochMilli()));
    }

    private Instant earliest(Criteria nextRunTime) {
        Query earliest = query(nextRunTime.and(QUARANTINED).is(null)).with(Sort.by(NEXT_RUN_TIME)).limit(1);
        earliest.fields().include(NEXT_RUN_TIME);
        Document first = template.findOne(earliest, Document.class, collection);
        return first != null && first.get(NEXT_RUN_TIME) instanceof Number millis ? Instant.ofEpochMilli(millis.longValue())
                : null;
    }

    @Override
    public List<Job> allJobs() {
        List<Job> all = jobs(query(where(NEXT_RUN_TIME).ne(null).and(QUARANTINED).is(null))
                .with(Sort.by(NEXT_RUN_TIME, ID)));
        all.addAll(jobs(query(where(NEXT_RUN_TIME).is(null).and(QUARANTINED).is(null)).with(Sort.by(ID))));
        return all;
    }

    /** Two counts on the next run time's index; no document is read. */
    @Override
    public JobCounts countJobs() {
        return new JobCounts(template.count(query(where(NEXT_RUN_TIME).ne(null).and(QUARANTINED).is(null)), collection),
                template.count(query(where(NEXT_RUN_TIME).is(null).and(QUARANTINED).is(null)), collection));
    }

    /** The documents flagged as unreadable so far, by id; see {@link JobStore#quarantinedJobs()}. */
    @Override
    public List<QuarantinedJob> quarantinedJobs() {
        return template.find(query(where(QUARANTINED).ne(null)).with(Sort.by(ID)), Document.class, collection).stream()
                .map(document -> new QuarantinedJob(document.get(ID).toString(), document.getString(QUARANTINED),
                        document.get(STATE) instanceof String state ? state : null))
                .toList();
    }

    @Override
    public void addJob(Job job) {
        try {
            template.insert(document(job), collection);
        } catch (DuplicateKeyException e) {
            throw new ConflictingIdException(job.id());
        }
    }

    /**
     * Inserts the jobs with one ordered {@code insertMany}. MongoDB gives no transaction here, so the ids are checked
     * first: an id given twice, or stored already (a quarantined document counts), fails the batch with a
     * {@link ConflictingIdException} naming it before anything is written ({@value #IDS_PER_QUERY} ids per query). A
     * document of one of these ids that another writer adds between that check and the insert stops the ordered
     * insert at it: the jobs before it in {@code jobs} stay added, as ordinary stored jobs, and those from it on are
     * not; the {@link ConflictingIdException} names the id and says how many jobs of the batch were added.
     */
    @Override
    public void addJobs(List<Job> jobs) {
        ConflictingIdException.requireDistinctIds(jobs);
        List<Document> documents = new ArrayList<>(jobs.size());
        jobs.forEach(job -> documents.add(document(job)));
        if (documents.isEmpty()) {
            return;
        }
        String taken = firstStored(jobs.stream().map(Job::id).toList());
        if (taken != null) {
            throw new ConflictingIdException(taken);
        }
        template.execute(collection, jobsCollection -> {
            try {
                jobsCollection.insertMany(documents);
            } catch (MongoBulkWriteException e) {
                BulkWriteError first = e.getWriteErrors().isEmpty() ? null : e.getWriteErrors().get(0);
                if (first == null || ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                int added = first.getIndex();
                throw new ConflictingIdException(jobs.get(added).id(), "was added by another writer while the batch"
                        + " was inserted: the batch's first " + added + " jobs were added, its other "
                        + (jobs.size() - added) + " were not");
            }
            return null;
        });
    }

    private static Document document(Job job) {
        return new Document(ID, job.id())
                .append(NEXT_RUN_TIME, millis(job.nextRunTime()))
                .append(VERSION, 1L)
                .append(STATE, JobCodec.encode(job));
    }

    /** The first of {@code ids} that a document has, quarantined or not, or {@code null}. */
    private String firstStored(List<String> ids) {
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(from + IDS_PER_QUERY, ids.size()));
            Query stored = query(where(ID).in(chunk));
            stored.fields().include(ID);
            Set<Object> found = new HashSet<>();
            template.find(stored, Document.class, collection).forEach(document -> found.add(document.get(ID)));
            for (String id : chunk) {
                if (found.contains(id)) {
                    return id;
                }
            }
        }
        return null;
    }

    /** Replaces the job's document if it still has the job's version; a quarantined document is left as it is. */
    @Override
    public void updateJob(Job job) {
        Update update = new Update().set(NEXT_RUN_TIME, millis(job.nextRunTime())).set(STATE, JobCodec.encode(job))
                .inc(VERSION, 1L);
        Query seen = query(where(ID).is(job.id()).and(VERSION).is(job.version()).and(QUARANTINED).is(null));
        if (template.updateFirst(seen, update, collection).getMatchedCount() == 0) {
            boolean readable = template.exists(query(where(ID).is(job.id()).and(QUARANTINED).is(null)),
                    collection);
            throw readable ? new StaleJobException(job.id(), job.version()) : new JobLookupException(job.id());
        }
    }

    /** Removes the job's document, a quarantined one too. */
    @Override
    public void removeJob(String id) {
        if (template.remove(query(where(ID).is(id)), collection).getDeletedCount() == 0) {
            throw new JobLookupException(id);
        }
    }

    @Override
    public void removeAllJobs() {
        template.remove(new Query(), collection);
    }

    /**
     * Moves the job on if it still has the version read, setting {@code claimed_by} and {@code claimed_at} in the same
     * update. A job whose trigger is exhausted is deleted instead, so its last claim is not kept.
     */
    @Override
    public boolean claimJob(Job due, ZonedDateTime nextRunTime) {
        Query seen = query(where(ID).is(due.id()).and(VERSION).is(due.version()).and(QUARANTINED).is(null));
        if (nextRunTime == null) {
            return template.remove(seen, collection).getDeletedCount() == 1;
        }
        JobStoreContext started = context;
        if (started == null) {
            throw new IllegalStateException("MongoJobStore on " + collection + " has not been started by a scheduler");
        }
        Update update = new Update().set(NEXT_RUN_TIME, millis(nextRunTime))
                .set(STATE, JobCodec.encode(due.withNextRunTime(nextRunTime))).inc(VERSION, 1L)
                .set(CLAIMED_BY, started.instanceId()).set(CLAIMED_AT, started.clock().millis());
        return template.updateFirst(seen, update, collection).getMatchedCount() == 1;
    }

    /** The ledger in the runs collection ({@code <collection>_runs} unless the builder names another). */
    @Override
    public MongoRunLedger runLedger() {
        return runs;
    }

    /**
     * Claims the batch in a few round trips, recording the run of each claim that carries one before its claim: see
     * {@link MongoRunLedger} for the protocol. The claims that move their job on are one unordered bulk of
     * compare-and-set updates, each leaving its mark ({@code claim_id}) on its job; the claims that exhaust their
     * job's trigger delete it one by one, so that each answers for itself. When the claims cannot be written at all,
     * this throws, and the runs recorded for them are settled from their jobs at the next heartbeat.
     */
    @Override
    public BitSet claimJobs(List<JobClaim> claims) {
        JobStoreContext started = context;
        if (started == null) {
            throw new IllegalStateException("MongoJobStore on " + collection + " has not been started by a scheduler");
        }
        BitSet won = new BitSet(claims.size());
        if (claims.isEmpty()) {
            return won;
        }
        // every state is encoded before anything is written: a job that cannot be encoded fails the batch at once
        long claimedAt = started.clock().millis();
        List<String> marks = new ArrayList<>(claims.size());
        List<WriteModel<Document>> moves = new ArrayList<>(claims.size());
        for (JobClaim claim : claims) {
            Job due = claim.due();
            // one per claim, never per fire: a fire whose run ended may be claimed again by a late reader, which loses
            String mark = UUID.randomUUID().toString();
            marks.add(mark);
            moves.add(claim.nextRunTime() == null ? null : new UpdateOneModel<>(seen(due), Updates.combine(
                    Updates.set(NEXT_RUN_TIME, millis(claim.nextRunTime())),
                    Updates.set(STATE, JobCodec.encode(due.withNextRunTime(claim.nextRunTime()))),
                    Updates.inc(VERSION, 1L), Updates.set(CLAIMED_BY, started.instanceId()),
                    Updates.set(CLAIMED_AT, claimedAt), Updates.set(CLAIM_ID, mark))));
        }
        BitSet attempted = runs.insertPending(claims, marks);
        BitSet lost = new BitSet(claims.size());
        List<Integer> updates = new ArrayList<>();
        List<Integer> deletes = new ArrayList<>();
        attempted.stream().forEach(i -> (moves.get(i) != null ? updates : deletes).add(i));
        try {
            claimByUpdates(claims, updates, moves, marks, won, lost);
        } catch (RuntimeException e) {
            // whether the updates were applied is not known: their runs stay pending, to be settled from their jobs
            // at the next heartbeat; the deletes were not attempted
            deletes.forEach(lost::set);
            runs.settle(claims, attempted, won, lost);
            throw e;
        }
        for (int d = 0; d < deletes.size(); d++) {
            int i = deletes.get(d);
            try {
                Bson seen = seen(claims.get(i).due());
                (template.execute(collection, jobs -> jobs.deleteOne(seen).getDeletedCount()) == 1 ? won : lost)
                        .set(i);
            } catch (RuntimeException e) {
                // this claim's outcome is not known (its run stays pending, to be settled); the ones after it were not
                // attempted
                deletes.subList(d + 1, deletes.size()).forEach(lost::set);
                runs.settle(claims, attempted, won, lost);
                if (won.isEmpty()) {
                    throw e;
                }
                log.warn("Error claiming job '{}' in {}; the claims won before it stand", claims.get(i).due().id(),
                        this, e);
                return won;
            }
        }
        runs.settle(claims, attempted, won, lost);
        return won;
    }

    /**
     * Writes the claims at {@code positions} as one unordered bulk and tells which won and which lost; a claim whose
     * outcome cannot be told is in neither.
     */
    private void claimByUpdates(List<JobClaim> claims, List<Integer> positions, List<WriteModel<Document>> moves,
            List<String> marks, BitSet won, BitSet lost) {
        if (positions.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = positions.stream().map(moves::get).toList();
        BitSet failed = new BitSet(writes.size());
        long matched = template.execute(collection, jobs -> {
            try {
                return (long) jobs.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount();
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
                e.getWriteErrors().forEach(error -> failed.set(error.getIndex()));
                return (long) e.getWriteResult().getMatchedCount();
            }
        });
        if (matched == writes.size()) {
            positions.forEach(won::set);
            return;
        }
        // some lost: read the jobs back to tell which, by the mark each claim leaves
        Query written = query(where(ID).in(positions.stream().map(i -> claims.get(i).due().id()).toList()));
        written.fields().include(ID, VERSION, CLAIM_ID);
        Map<Object, Document> jobs = new HashMap<>();
        template.find(written, Document.class, collection).forEach(job -> jobs.put(job.get(ID), job));
        for (int k = 0; k < positions.size(); k++) {
            int i = positions.get(k);
            Job due = claims.get(i).due();
            Document job = jobs.get(due.id());
            long version = job != null && job.get(VERSION) instanceof Number number ? number.longValue() : -1;
            if (failed.get(k)) {
                lost.set(i);
            } else if (job != null && marks.get(i).equals(job.get(CLAIM_ID))) {
                won.set(i);
            } else if (job != null && (version == due.version() || version == due.version() + 1)) {
                lost.set(i);
            } else {
                log.warn("The claim of job '{}' in job store '{}' cannot be told won or lost: the job {} right after"
                        + " it; it is taken as lost here, and its run is settled from the job at the next heartbeat",
                        due.id(), context.alias(), job == null ? "was removed" : "was written again");
            }
        }
    }

    private static Bson seen(Job due) {
        return Filters.and(Filters.eq(ID, due.id()), Filters.eq(VERSION, due.version()), Filters.eq(QUARANTINED, null));
    }

    /** The documents' jobs; a document that cannot be read back is flagged, logged once, and left out. */
    private List<Job> jobs(Query query) {
        StoredJobReader current = reader;
        if (current == null) {
            throw new IllegalStateException("MongoJobStore on " + collection + " has not been started by a scheduler");
        }
        List<StoredJob> records = new ArrayList<>();
        for (Document document : template.find(query, Document.class, collection)) {
            String problem = keyProblem(document);
            if (problem == null) {
                records.add(stored(document));
            } else {
                quarantineByRawId(document.get(ID), problem);
            }
        }
        return current.jobs(records);
    }

    /**
     * What makes the document's keys unusable, or {@code null}: every write names a job by its string id and version,
     * so a document with another kind of either could never be claimed, and would be read as due forever.
     */
    private static String keyProblem(Document document) {
        if (!(document.get(ID) instanceof String)) {
            return "_id is not a string but " + describe(document.get(ID));
        }
        if (!(document.get(VERSION) instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            return "version is not a whole number but " + describe(document.get(VERSION));
        }
        return null;
    }

    private static String describe(Object value) {
        return value == null ? "missing" : value.getClass().getSimpleName() + " " + value;
    }

    private void quarantineByRawId(Object id, String reason) {
        boolean flagged = template.updateFirst(query(where(ID).is(id).and(QUARANTINED).is(null)),
                new Update().set(QUARANTINED, reason), collection).getModifiedCount() == 1;
        if (flagged) {
            log.warn("Job document {} of job store '{}' cannot be read back and is quarantined: kept in collection {},"
                    + " never run, listed by quarantinedJobs(); replace or remove it to clear it. Reason: {}", id,
                    context == null ? "?" : context.alias(), collection, reason);
        }
    }

    private static StoredJob stored(Document document) {
        Object next = document.get(NEXT_RUN_TIME);
        return new StoredJob((String) document.get(ID), document.get(STATE) instanceof String state ? state : null,
                next instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : null,
                ((Number) document.get(VERSION)).longValue());
    }

    private boolean quarantine(StoredJob record, String reason) {
        Criteria seen = where(ID).is(record.id()).and(VERSION).is(record.version()).and(QUARANTINED).is(null);
        return template.updateFirst(query(seen), new Update().set(QUARANTINED, reason), collection)
                .getModifiedCount() == 1;
    }

    /** What is wrong with {@code name} as a database name, or {@code null}. */
    static String databaseProblem(String name) {
        return name == null || name.isBlank() || name.chars().anyMatch(c -> "/\\. \"$".indexOf(c) >= 0)
                ? "must be a MongoDB database name: not blank, without / \\ . space \" or $" : null;
    }

    /** What is wrong with {@code name} as a collection name, or {@code null}. */
    static String collectionProblem(String name) {
        return name == null || name.isBlank() || name.contains("$") || name.startsWith("system.")
                ? "must be a MongoDB collection name: not blank, without $, not starting with system." : null;
    }

    private static Long millis(ZonedDateTime time) {
        return time == null ? null : time.toInstant().toEpochMilli();
    }

    @Override
    public String toString() {
        return "MongoJobStore[collection=" + collection + "]";
    }

    /** Builds a {@link MongoJobStore}; each setter checks its value. */
    public static final class Builder {

        private final MongoClient client;
        private final MongoTemplate template;
        private MongoClient ownedClient;
        private String database = DEFAULT_DATABASE;
        private String collection = DEFAULT_COLLECTION;
        private String runsCollection;

        private Builder(MongoClient client, MongoTemplate template) {
            this.client = client;
            this.template = template;
        }

        /** The database: {@value #DEFAULT_DATABASE} unless set; only with {@link #builder(MongoClient)}. */
        public Builder database(String value) {
            database = checked("database", value, databaseProblem(value));
            return this;
        }

        /** The collection: {@value #DEFAULT_COLLECTION} unless set. */
        public Builder collection(String value) {
            collection = checked("collection", value, collectionProblem(value));
            return this;
        }

        /**
         * The collection of claimed runs ({@link MongoRunLedger}): {@code <collection>_runs} unless set. Several stores
         * may not share one.
         */
        public Builder runsCollection(String value) {
            runsCollection = checked("runs collection", value, collectionProblem(value));
            return this;
        }

        private static String checked(String what, String value, String problem) {
            if (problem != null) {
                throw new IllegalArgumentException(what + " '" + value + "' " + problem);
            }
            return value;
        }

        /** A client that the store made itself and closes on shutdown. */
        Builder ownedClient(MongoClient value) {
            ownedClient = value;
            return this;
        }

        public MongoJobStore build() {
            return new MongoJobStore(template != null ? template : new MongoTemplate(client, database), collection,
                    runsCollection != null ? runsCollection : collection + "_runs", ownedClient);
        }
    }
}
