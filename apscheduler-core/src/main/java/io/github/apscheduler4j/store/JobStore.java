package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Where jobs are kept: APScheduler's {@code BaseJobStore}, plus one compare-and-set, the claim, that lets several
 * schedulers share a store.
 *
 * <p>Implementations are thread safe. Jobs are returned with the {@link Job#version() version} the store
 * holds; every write gives the job a higher version. Paused jobs have no next run time and are never due.
 */
public interface JobStore {

    /** Called when a scheduler starts using the store; {@code context} names the store and what it needs. */
    default void start(JobStoreContext context) {
    }

    /**
     * Whether other schedulers may share this store (a database). The scheduler then looks at it at least every
     * {@code store_poll_interval}, to see jobs added or changed elsewhere.
     */
    default boolean isShared() {
        return false;
    }

    /** Frees the store's resources; called when the scheduler shuts down or the store is removed. */
    default void shutdown() {
    }

    /** The job with this id, or {@code null}. */
    Job lookupJob(String id);

    /**
     * The jobs whose next run time is at or before {@code now}, earliest first. Jobs due at the same instant come in
     * the store's own order: by id in the database stores, in the order they were scheduled in the memory store.
     */
    List<Job> dueJobs(Instant now);

    /**
     * At most {@code limit} of the {@link #dueJobs(Instant) due jobs}, earliest first: what a scheduler that can start
     * only so many runs now asks for. A database store reads no more rows than that; the default cuts the full list.
     */
    default List<Job> dueJobs(Instant now, int limit) {
        List<Job> due = dueJobs(now);
        return due.size() <= limit ? due : due.subList(0, limit);
    }

    /**
     * Lock-and-fetch: reads at most {@code limit} due jobs that no other instance is claiming at this moment, has
     * {@code prepare} make the claims of those to run (it may leave some out), and makes those claims, as
     * {@link #claimJobs} does. A database that can lock rows and skip those another transaction holds (PostgreSQL,
     * MariaDB 10.6+, MySQL 8, H2: {@code FOR UPDATE SKIP LOCKED}) does all of it in one transaction, so that instances
     * claiming at once take disjoint batches instead of racing for the same rows. The default reads
     * {@link #dueJobs(Instant, int)} and then claims.
     *
     * @return which of the claims {@code prepare} made won, by position
     */
    default BitSet claimDueJobs(Instant now, int limit, Function<List<Job>, List<JobClaim>> prepare) {
        List<JobClaim> claims = prepare.apply(dueJobs(now, limit));
        return claims.isEmpty() ? new BitSet() : claimJobs(claims);
    }

    /**
     * How many jobs the store holds, scheduled and paused: what a metrics gauge reads at each scrape. A database store
     * counts its rows without reading them; the default counts {@link #allJobs()}.
     */
    default JobCounts countJobs() {
        return JobCounts.of(allJobs());
    }

    /** The earliest next run time of any job, or {@code null} when no job is scheduled. */
    Instant nextRunTime();

    /**
     * The earliest next run time after {@code instant}, or {@code null} when no job is scheduled later: when the
     * scheduler has left some due jobs due (it cannot run them), when it must look next. The default answers
     * {@link #nextRunTime()}, which the scheduler then treats as "look again after the retry interval".
     */
    default Instant nextRunTimeAfter(Instant instant) {
        return nextRunTime();
    }

    /** Every job: scheduled ones by next run time (ties by id), then paused ones by id. */
    List<Job> allJobs();

    /** Adds a job. @throws ConflictingIdException when a job with its id is already stored */
    void addJob(Job job);

    /**
     * Adds several jobs, each as {@link #addJob} adds it: all of them, or none when one's id is already stored (a
     * quarantined record counts) or given twice among them. A store that can add many jobs under one lock or in one
     * transaction does so.
     *
     * <p>The default checks the ids first ({@link #quarantinedJobs()} once, {@link #lookupJob} for each job), then adds
     * the jobs one by one: only a job of one of these ids that another writer adds in between, or a store failing
     * part-way, leaves the jobs before it added.
     *
     * @throws ConflictingIdException naming the first id that is taken or given twice; no job was added
     */
    default void addJobs(List<Job> jobs) {
        ConflictingIdException.requireDistinctIds(jobs);
        Set<String> quarantined = new HashSet<>();
        quarantinedJobs().forEach(record -> quarantined.add(record.id()));
        for (Job job : jobs) {
            if (quarantined.contains(job.id()) || lookupJob(job.id()) != null) {
                throw new ConflictingIdException(job.id());
            }
        }
        jobs.forEach(this::addJob);
    }

    /**
     * Replaces the stored job with the same id, but only if the stored one still has {@code job.version()}: a
     * compare-and-set, like every write, so that a change based on an old read never undoes what another scheduler
     * wrote since (a run it claimed, above all).
     *
     * @throws JobLookupException when there is no such job (a quarantined record counts as none)
     * @throws StaleJobException when the stored job has another version: nothing was written
     */
    void updateJob(Job job);

    /** Removes a job. @throws JobLookupException when there is none */
    void removeJob(String id);

    void removeAllJobs();

    /**
     * The stored records that could not be read back as jobs (bad JSON, another format, unknown trigger),
     * by id. A persistent store checks a record when it reads it (as due, looked up or listed); one it cannot
     * read is flagged and logged once, then kept, skipped by every other operation and reported here: never
     * run and never deleted or overwritten on the store's own account: {@link #removeJob} or {@link #removeAllJobs}
     * remove it, after which a job of that id may be added again. Stores that hold live objects have none.
     */
    default List<QuarantinedJob> quarantinedJobs() {
        return List.of();
    }

    /**
     * Claims a due run: moves the job on to {@code nextRunTime}, or removes it when {@code nextRunTime} is {@code null}
     * (its trigger is exhausted), but only if the stored job still has {@code due.version()}. The scheduler claims a
     * due run before it runs it: whoever's write succeeds runs it.
     *
     * @return whether this claim won; {@code false} when the job changed or vanished since {@code due} was read
     */
    boolean claimJob(Job due, ZonedDateTime nextRunTime);

    /**
     * The store's record of claimed runs and their leases, or {@code null} when it has none: the scheduler then keeps
     * one in memory, which is enough for a store no other instance shares. A store that has one records the run of
     * each claim that carries one ({@link JobClaim#run()}) in the claim's own write, so that a claim never wins without
     * its run.
     */
    default RunLedger runLedger() {
        return null;
    }

    /**
     * Claims several due runs, each as {@link #claimJob} does, and answers which won by position: bit {@code i} is
     * set when {@code claims.get(i)} won. A store that can claim many jobs with one lock or one round trip does so.
     * The answer is exactly what was claimed: a claim that won is never left out of it, so that no claimed run goes
     * unrun.
     *
     * <p>The default claims the jobs one by one. When one throws, it answers the claims won before it (the failure is
     * logged, and the rest stay due for a later pass), or rethrows when none had won.
     */
    default BitSet claimJobs(List<JobClaim> claims) {
        BitSet won = new BitSet(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            JobClaim claim = claims.get(i);
            try {
                if (claimJob(claim.due(), claim.nextRunTime())) {
                    won.set(i);
                }
            } catch (RuntimeException e) {
                if (won.isEmpty()) {
                    throw e;
                }
                LoggerFactory.getLogger(JobStore.class).warn("Error claiming job '{}' in {}; it stays due",
                        claim.due().id(), this, e);
                return won;
            }
        }
        return won;
    }
}
