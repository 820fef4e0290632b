package io.github.apscheduler4j.scheduler;

import java.time.Duration;
import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobChanges;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.trigger.Trigger;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * APScheduler's scheduler API. Wherever a {@code jobstore} alias is taken, {@code null} means "any store".
 * Unknown job ids throw {@code JobLookupException}; every method is safe to call from any thread,
 * including from a running job.
 */
public interface Scheduler {

    /** Starts processing jobs. @throws IllegalStateException when already started */
    default void start() {
        start(false);
    }

    /**
     * Starts the scheduler, adding the jobs added before the start to their stores.
     *
     * @param paused start without processing jobs until {@link #resume()}
     */
    void start(boolean paused);

    /** Shuts down and waits for the runs under way to finish. */
    default void shutdown() {
        shutdown(true);
    }

    /** Shuts down the scheduler, its executors and stores. @param wait whether to wait for runs under way */
    void shutdown(boolean wait);

    /**
     * Shuts down the scheduler as {@code shutdown(true)} does, but waits at most {@code timeout} for the runs under
     * way: it stops claiming, hands the runs it claimed and has not started back to their shared stores, waits for the
     * runs under way until the timeout, then stops its heartbeat and its stores. A run still going then keeps its
     * lease only until the lease runs out, and a live instance recovers it as its job's {@code recovery} says.
     *
     * @return whether every run under way had finished in time
     */
    default boolean shutdown(Duration timeout) {
        shutdown(true);
        return true;
    }

    /** Stops processing jobs until {@link #resume()}; jobs keep their next run times. */
    void pause();

    void resume();

    SchedulerState state();

    default boolean isRunning() {
        return state() != SchedulerState.STOPPED;
    }

    ZoneId timezone();

    /** Adds a job; see {@link JobSpec}. @return a handle on the job */
    JobHandle addJob(JobSpec spec);

    /**
     * Adds several jobs as {@link #addJob} adds each, with one write per store ({@link JobStore#addJobs}: one lock for
     * the memory store, one transaction of batched INSERTs for the JDBC store, one {@code insertMany} for MongoDB).
     * Every spec is checked before anything is written (made into its job; once the scheduler runs, its store and
     * executor looked up and its executor's {@code checkJob} passed, its first run time computed): a bad spec fails the
     * whole call with an {@code IllegalArgumentException} naming its index and job, and no job of the batch is added.
     * A batch names each id once.
     *
     * <p>Before the scheduler starts, the jobs join the pending ones, all or none, as {@link #addJob} puts each there.
     * Once it runs, each store's jobs are added all or none: a {@code ConflictingIdException} names an id already
     * stored, and none of that store's jobs is added. Specs with {@link JobSpec#replaceExisting()} are written one by
     * one as {@link #addJob} writes them (a compare-and-set over the stored job), after the stores' batches. Each job
     * written makes one {@code JobAdded} event, and the call one wake-up of the loop. Should a later store's batch or
     * a replacing write fail, the jobs written before it stay added, and their events are dispatched before the
     * exception is thrown.
     *
     * @return a handle on each job, in the order of {@code specs}
     * @throws IllegalStateException when the scheduler has been shut down (start it again first)
     */
    List<JobHandle> addJobs(List<JobSpec> specs);

    /** Adds a job running the static method or class named by {@code target}, with a trigger built from its alias. */
    default JobHandle addJob(String target, String triggerType, Map<String, ?> triggerArgs) {
        return addJob(JobSpec.builder(target).trigger(triggerType, triggerArgs).build());
    }

    /** Adds an in-process job (memory store only). */
    default JobHandle addJob(Runnable target, Trigger trigger) {
        return addJob(JobSpec.builder(target).trigger(trigger).build());
    }

    default JobHandle addJob(Runnable target, String triggerType, Map<String, ?> triggerArgs) {
        return addJob(JobSpec.builder(target).trigger(triggerType, triggerArgs).build());
    }

    /**
     * Makes the store agree with a job the application declares (an {@code @ApsJob}, or any job it defines anew at each
     * start), instead of replacing what is stored, so that what an operator did to the job and the schedule it is on
     * survive a restart. The job of the spec's id in the spec's store (default: {@code "default"}) is:
     * <ul>
     *   <li>absent: added, as {@link #addJob} adds it ({@link Reconciliation#ADDED});
     *   <li>of the same definition ({@link Job#hasDefinitionOf}: target, args, kwargs, trigger, executor, name,
     *       coalesce, max_instances, misfire_grace_time): left exactly as stored, paused or not, with its next run time
     *       and version ({@link Reconciliation#UNCHANGED}); the runs it missed while the application was down are then
     *       handled by misfire_grace_time and coalesce, as for any stored job;
     *   <li>of another definition, same trigger: updated, keeping its next run time ({@link Reconciliation#UPDATED});
     *   <li>of another trigger: updated, with the next run time the new trigger gives from now
     *       ({@link Reconciliation#RESCHEDULED});
     *   <li>a quarantined record: left as it is ({@link Reconciliation#QUARANTINED}).
     * </ul>
     * A paused job stays paused in every case. A trigger given by type and arguments that leaves out what it would read
     * from the clock (an interval's start date) takes the stored trigger's value, so that an interval keeps its phase.
     * A spec without a trigger runs once: its job differs from any stored one and is written to run now. The job is
     * stored {@linkplain Job#declared() declared}. Every write is a compare-and-set, re-read and compared again on a lost
     * race, so that instances starting at once on one store converge on one job. The spec's
     * {@link JobSpec#replaceExisting()} does not apply; its {@link JobSpec#paused()} and next run time apply when the job
     * is added.
     *
     * @throws IllegalArgumentException when the spec has no id, names an unknown store or executor, or the executor
     *     refuses the job
     * @throws IllegalStateException when the scheduler is not running: the stored job is read from a started store
     */
    Reconciliation reconcileJob(JobSpec spec);

    JobHandle modifyJob(String id, String jobstore, JobChanges changes);

    /** Gives a job a new trigger and the next run time that trigger computes from now. */
    JobHandle rescheduleJob(String id, String jobstore, Trigger trigger);

    JobHandle rescheduleJob(String id, String jobstore, String triggerType, Map<String, ?> triggerArgs);

    /** Pauses a job: it keeps its place in the store but never runs until resumed. */
    JobHandle pauseJob(String id, String jobstore);

    /**
     * Resumes a paused job from now on.
     *
     * @return the job's handle, or {@code null} when its trigger has no more fire times and it was removed
     */
    JobHandle resumeJob(String id, String jobstore);

    void removeJob(String id, String jobstore);

    default void removeJob(String id) {
        removeJob(id, null);
    }

    /** Removes every job of one store, or of all stores when {@code jobstore} is {@code null}. */
    void removeAllJobs(String jobstore);

    /** The job, or {@code null} when there is none. */
    Job getJob(String id, String jobstore);

    default Job getJob(String id) {
        return getJob(id, null);
    }

    /** The jobs of one store (or all, pending ones first), each store's by next run time. */
    List<Job> getJobs(String jobstore);

    default List<Job> getJobs() {
        return getJobs(null);
    }

    /** Prints the jobs as APScheduler's {@code print_jobs} does. */
    void printJobs(String jobstore, PrintStream out);

    /**
     * Runs a job once now, outside its schedule, which stays as it is.
     *
     * @return whether the run was submitted; {@code false} when the job's {@code max_instances} runs are under way
     */
    boolean runJob(String id, String jobstore);

    void addJobStore(String alias, JobStore store);

    /** @param shutdown whether to shut the store down too */
    void removeJobStore(String alias, boolean shutdown);

    void addExecutor(String alias, JobExecutor executor);

    void removeExecutor(String alias, boolean shutdown);

    /** The stores by alias, in the order they were added. */
    Map<String, JobStore> jobStores();

    /** The executors by alias, in the order they were added. */
    Map<String, JobExecutor> executors();

    void addListener(SchedulerListener listener, EventMask mask);

    default void addListener(SchedulerListener listener) {
        addListener(listener, EventMask.ALL);
    }

    void removeListener(SchedulerListener listener);

    /** Makes the processing loop look at the stores now instead of at its next planned wake-up. */
    void wakeup();

    /**
     * The due jobs this instance skips because it cannot run them (a target class or bean, or an executor, it lacks),
     * each with the reason, by id: this instance's trouble, while the stored jobs stay as they are for instances that
     * can run them.
     */
    default Map<String, String> jobsNotRunnableHere() {
        return Map.of();
    }
}
