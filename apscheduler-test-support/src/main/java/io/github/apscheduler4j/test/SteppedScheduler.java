package io.github.apscheduler4j.test;

import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.scheduler.SchedulerLoop;

/**
 * A scheduler for tests of an application's jobs: no thread and no waiting; time is the configuration's clock (a
 * {@link io.github.apscheduler4j.time.MutableClock}), and {@link #runDue()} runs one pass, so that a test advances the
 * clock and runs what is due, on its own thread with the {@code debug} executor. With Spring Boot:
 * {@code apscheduler.scheduler=io.github.apscheduler4j.test.SteppedScheduler},
 * {@code apscheduler.executors.default.type=debug} and a {@code MutableClock} bean.
 */
public class SteppedScheduler extends AbstractScheduler {

    public SteppedScheduler(SchedulerConfig config) {
        super(config, SchedulerLoop.manual());
    }

    /**
     * Runs the jobs due at the clock's time now (with the {@code debug} executor, before this returns), computes their
     * next run times, and renews or takes over runs as the heartbeat would.
     */
    public void runDue() {
        processJobs();
        superviseRuns();
    }
}
