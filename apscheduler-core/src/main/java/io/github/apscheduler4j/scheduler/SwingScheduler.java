package io.github.apscheduler4j.scheduler;

/**
 * Runs the processing loop's passes on Swing's event-dispatch thread, woken by {@link javax.swing.Timer}: the
 * counterpart of APScheduler's {@code QtScheduler} for desktop applications. Jobs still run on the configured
 * executors; use {@code type: debug} to run them on the event-dispatch thread too.
 */
public class SwingScheduler extends AbstractScheduler {

    public SwingScheduler() {
        this(SchedulerConfig.defaults());
    }

    public SwingScheduler(SchedulerConfig config) {
        super(config, new SwingTimerLoop());
    }
}
