package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Where jobs are kept: APScheduler's {@code BaseJobStore}, plus one compare-and-set that lets several
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

    /** The earliest next run time of any job, or {@code null} when no job is scheduled. */
    Instant nextRunTime();

    /** Every job: scheduled ones by next run time (ties by id), then paused ones by id. */
    List<Job> allJobs();

    /** Adds a job. @throws ConflictingIdException when a job with its id is already stored */
    void addJob(Job job);

    /** Replaces the stored job with the same id. @throws JobLookupException when there is none */
    void updateJob(Job job);

    /** Removes a job. @throws JobLookupException when there is none */
    void removeJob(String id);

    void removeAllJobs();

    /**
     * The stored records that could not be read back as jobs (bad JSON, unknown trigger, unresolvable target),
     * by id. A persistent store checks a record when it reads it (as due, looked up or listed); one it cannot
     * read is flagged and logged once, then kept, skipped by every other operation and reported here: never
     * run and never deleted on the store's own account ({@link #removeJob} or {@link #removeAllJobs} remove it,
     * and {@link #updateJob} with a readable job of the same id replaces it). Stores that hold live objects
     * have none.
     */
    default List<QuarantinedJob> quarantinedJobs() {
        return List.of();
    }

    /**
     * Moves a due job on to {@code nextRunTime}, or removes it when {@code nextRunTime} is {@code null} (its
     * trigger is exhausted), but only if the stored job still has {@code due.version()}. The scheduler
     * calls this before running a due job: whoever's write succeeds runs it.
     *
     * @return whether this write won; {@code false} when the job changed or vanished since {@code due} was read
     */
    boolean advanceJob(Job due, ZonedDateTime nextRunTime);

    /**
     * Advances several due jobs, each as {@link #advanceJob} does, and returns the advances whose write won: the
     * same instances, in the order given. A store that can claim many jobs with one lock or one round trip does
     * so. What it returns is exactly what it claimed: a job claimed is never left out of the answer, so that no
     * claimed run goes unrun.
     *
     * <p>The default advances the jobs one by one. When one throws, it returns the advances won before it (the
     * failure is logged, and the rest stay due for a later pass), or rethrows when none had won.
     */
    default List<JobAdvance> advanceJobs(List<JobAdvance> advances) {
        List<JobAdvance> won = new ArrayList<>(advances.size());
        for (JobAdvance advance : advances) {
            try {
                if (advanceJob(advance.due(), advance.nextRunTime())) {
                    won.add(advance);
                }
            } catch (RuntimeException e) {
                if (won.isEmpty()) {
                    throw e;
                }
                LoggerFactory.getLogger(JobStore.class).warn("Error advancing job '{}' in {}; it stays due", advance.due()
                        .id(), this, e);
                return won;
            }
        }
        return won;
    }
}
