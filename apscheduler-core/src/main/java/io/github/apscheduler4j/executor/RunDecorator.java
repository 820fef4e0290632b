package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobContext;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Wraps every run of a job, as Spring's {@code TaskDecorator} wraps a task: to observe it, trace it, or set up a
 * context the job's code expects (a tenant, a security context). The scheduler's {@code run_decorators}
 * ({@code SchedulerConfig.Builder.runDecorator}) reach every executor that extends {@link AbstractJobExecutor}.
 *
 * <p>{@link #decorate} is called on the thread that runs the job, just before the run (after the misfire check: a
 * missed run is not decorated), and the runnable it returns is run at once on that thread. That runnable must call
 * {@code invocation.run()} exactly once, on that thread: it calls the job's code with the run's {@link JobContext} and
 * never throws; how the run went is told to {@link Run#whenEnded} listeners. Implementations are thread safe.
 */
@FunctionalInterface
public interface RunDecorator {

    /**
     * Wraps one run.
     *
     * @param run which run of which job; its end can be listened to
     * @param invocation calls the job's code; never throws
     * @return what runs in its place, calling {@code invocation.run()} once
     */
    Runnable decorate(Run run, Runnable invocation);

    /** One run of a job, as a {@link RunDecorator} sees it. */
    interface Run {

        /** The job, as it was submitted. */
        Job job();

        /** The alias of the executor that runs it. */
        String executor();

        /**
         * The run's identity: the job id, the scheduled fire time ({@code null} for a run now, outside the schedule),
         * the attempt, the instance.
         */
        JobContext context();

        /**
         * Calls {@code listener} once when the run ends, with the exception the job threw, or {@code null} when it
         * succeeded: right after the job's code returned, or, when the job returned an asynchronous result, once that
         * result completed, on the thread that completed it. A listener added after the run ended is called at once.
         */
        void whenEnded(Consumer<Throwable> listener);
    }

    /**
     * Decorators applied in turn: the first given wraps all the others, so it runs first and ends last; {@code null}
     * when there are none.
     */
    static RunDecorator of(List<RunDecorator> decorators) {
        List<RunDecorator> all = List.copyOf(decorators);
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return (run, invocation) -> {
            Runnable wrapped = invocation;
            for (int i = all.size() - 1; i >= 0; i--) {
                wrapped = Objects.requireNonNull(all.get(i).decorate(run, wrapped), "a RunDecorator returned null");
            }
            return wrapped;
        };
    }
}
