package io.github.apscheduler4j.scheduler;

/**
 * Runs the processing loop on the thread that calls {@link #start()}, which returns only after
 * {@link #shutdown()}: APScheduler's {@code BlockingScheduler}, for programs whose only work is scheduling.
 */
public class BlockingScheduler extends AbstractScheduler {

    public BlockingScheduler() {
        this(SchedulerConfig.defaults());
    }

    public BlockingScheduler(SchedulerConfig config) {
        super(config, ThreadLoop.onCallerThread());
    }
}
