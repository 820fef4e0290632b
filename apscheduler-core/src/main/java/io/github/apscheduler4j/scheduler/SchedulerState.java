package io.github.apscheduler4j.scheduler;

/** APScheduler's {@code STATE_STOPPED}, {@code STATE_RUNNING} and {@code STATE_PAUSED}. */
public enum SchedulerState {
    STOPPED,
    RUNNING,
    /** Started, but not processing jobs until resumed. */
    PAUSED
}
