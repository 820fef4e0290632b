package io.github.apscheduler4j.executor;

import java.time.Duration;
import io.github.apscheduler4j.job.Job;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs jobs: APScheduler's {@code BaseExecutor}. Extend {@link AbstractJobExecutor}, which enforces
 * {@code max_instances} and the misfire grace time and reports every outcome, and say only how a run is
 * started.
 *
 * <p>Implementations are thread safe.
 */
public interface JobExecutor {

    /** Called when a scheduler starts using this executor. */
    void start(ExecutorContext context);

    /**
     * Shuts the executor down.
     *
     * @param wait whether to wait until the runs under way have finished
     */
    void shutdown(boolean wait);

    /**
     * Shuts the executor down, waiting at most {@code timeout} for the runs under way; runs still going then are left
     * to finish by themselves. The default waits for them however long they take, as {@code shutdown(true)}.
     *
     * @return whether every run under way had finished
     */
    default boolean shutdown(Duration timeout) {
        shutdown(true);
        return true;
    }

    /**
     * Hands a job's due runs to the executor, which runs them in order, oldest first, skipping (with a missed
     * event) any whose lateness exceeds the job's misfire grace time. A run time of {@code null} means "now,
     * outside the schedule" and is never missed.
     *
     * @throws MaxInstancesReachedException when {@code job.maxInstances()} runs of the job are under way
     */
    void submit(Job job, List<ZonedDateTime> runTimes);

    /**
     * Hands several jobs' due runs to the executor at once, each as {@link #submit} does; a pool starts them with
     * fewer hand-offs between threads than one submission at a time. Never throws for one submission's sake.
     *
     * @return the submissions refused, by their position in {@code submissions}, in ascending order, each with the
     *     exception {@link #submit} would have thrown ({@link MaxInstancesReachedException} when the job's runs are
     *     at {@code max_instances}); every other submission was accepted
     */
    default List<Refusal> submitAll(List<JobSubmission> submissions) {
        List<Refusal> refused = new ArrayList<>(0);
        for (int i = 0; i < submissions.size(); i++) {
            JobSubmission submission = submissions.get(i);
            try {
                submit(submission.job(), submission.runTimes());
            } catch (RuntimeException e) {
                refused.add(new Refusal(i, e));
            }
        }
        return refused;
    }

    /**
     * A submission {@link #submitAll} refused, and why.
     *
     * @param index its position in the list given to {@link #submitAll}
     */
    record Refusal(int index, RuntimeException reason) {
    }

    /**
     * Refuses a job this executor cannot run, when it is added or moved to this executor (the process pool refuses
     * targets that live only in this JVM). @throws IllegalArgumentException saying why
     */
    default void checkJob(Job job) {
    }

    /** How many submissions of the job are under way. */
    int runningInstances(String jobId);

    /**
     * How many more submissions the executor can start now without queueing them: its free workers (negative: as many
     * submissions wait in its queue), or {@link Integer#MAX_VALUE} when it has no fixed number of them (the default). A scheduler on a shared store claims
     * no more than this (plus a small prefetch), so that a busy instance leaves due runs to idle ones.
     */
    default int freeSlots() {
        return Integer.MAX_VALUE;
    }

    /**
     * How many submissions beyond its free workers a scheduler on a shared store may claim for this executor: runs
     * ready for the workers that free up next. Small for slow runs (a busy instance leaves them to idle ones), larger
     * for quick ones (claimed in batches). {@link Integer#MAX_VALUE} when it has no fixed number of workers.
     */
    default int prefetch() {
        return freeSlots() == Integer.MAX_VALUE ? Integer.MAX_VALUE : 4;
    }

    /**
     * Drains the executor before a shutdown: from now on, a submission that has not started asks {@code handBack}
     * first, and is not run (nor reported) when it answers {@code true}: the scheduler has handed its run back to the
     * store, for another instance to run now. Runs under way go on. The default hands nothing back.
     */
    default void drain(Predicate<JobSubmission> handBack) {
    }
}
