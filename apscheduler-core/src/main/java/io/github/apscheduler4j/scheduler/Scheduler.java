package io.github.apscheduler4j.scheduler;

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
