package io.github.apscheduler4j.scheduler;

/**
 * The counterpart of APScheduler's {@code AsyncIOScheduler}: the loop's passes run on an event loop of its own (a
 * single-threaded {@link java.util.concurrent.ScheduledExecutorService}) instead of a thread that sleeps, for
 * applications whose jobs return {@link java.util.concurrent.CompletionStage}s or reactive publishers. Such a job
 * counts as running until its result completes, without holding a worker thread; this holds with every executor.
 */
public class AsyncScheduler extends EventLoopScheduler {

    public AsyncScheduler() {
        this(SchedulerConfig.defaults());
    }

    public AsyncScheduler(SchedulerConfig config) {
        super(config);
    }
}
