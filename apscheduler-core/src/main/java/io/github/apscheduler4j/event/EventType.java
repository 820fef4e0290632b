package io.github.apscheduler4j.event;

/** The kinds of scheduler event, with APScheduler's {@code EVENT_*} bit values. */
public enum EventType {
    SCHEDULER_STARTED(1),
    SCHEDULER_SHUTDOWN(1 << 1),
    SCHEDULER_PAUSED(1 << 2),
    SCHEDULER_RESUMED(1 << 3),
    EXECUTOR_ADDED(1 << 4),
    EXECUTOR_REMOVED(1 << 5),
    JOBSTORE_ADDED(1 << 6),
    JOBSTORE_REMOVED(1 << 7),
    ALL_JOBS_REMOVED(1 << 8),
    JOB_ADDED(1 << 9),
    JOB_REMOVED(1 << 10),
    JOB_MODIFIED(1 << 11),
    JOB_EXECUTED(1 << 12),
    JOB_ERROR(1 << 13),
    JOB_MISSED(1 << 14),
    JOB_SUBMITTED(1 << 15),
    JOB_MAX_INSTANCES(1 << 16),
    /** Not in APScheduler 3: a fire whose instance died running it, not run again (recovery {@code none}). */
    JOB_ABANDONED(1 << 17),
    /** Not in APScheduler 3: a failed run will be tried again. */
    JOB_RETRY_SCHEDULED(1 << 18);

    private final int bit;

    EventType(int bit) {
        this.bit = bit;
    }

    /** APScheduler's numeric code for this event. */
    public int bit() {
        return bit;
    }
}
