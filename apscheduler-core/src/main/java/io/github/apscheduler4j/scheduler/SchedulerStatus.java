package io.github.apscheduler4j.scheduler;

/**
 * Where the scheduler is in its life: stopped, running or paused, and whether it was shut down since it last started;
 * with the checks the API makes against it, whose messages say what to do. Read without the scheduler's lock.
 */
final class SchedulerStatus {

    private volatile SchedulerState state = SchedulerState.STOPPED;
    // set by shutdown until the next start: a job added meanwhile would wait for a start that may never come
    private volatile boolean shutDown;

    SchedulerState state() {
        return state;
    }

    /** Before start and after shutdown: jobs added now are pending, and nothing is processed. */
    boolean isStopped() {
        return state == SchedulerState.STOPPED;
    }

    /** Started and not paused: jobs are processed. */
    boolean isRunning() {
        return state == SchedulerState.RUNNING;
    }

    /** @throws IllegalStateException when the scheduler is started already */
    void requireStopped() {
        if (state != SchedulerState.STOPPED) {
            throw new IllegalStateException("Scheduler is already running");
        }
    }

    void started(boolean paused) {
        state = paused ? SchedulerState.PAUSED : SchedulerState.RUNNING;
        shutDown = false;
    }

    /** @throws IllegalStateException when the scheduler is not started */
    void shutDown() {
        requireStarted(null, null);
        state = SchedulerState.STOPPED;
        shutDown = true;
    }

    /**
     * Moves a started scheduler from {@code from} to {@code to}; returns false, and does nothing, when it is not in
     * {@code from}.
     *
     * @throws IllegalStateException when the scheduler is not started
     */
    boolean change(SchedulerState from, SchedulerState to) {
        requireStarted(null, null);
        if (state != from) {
            return false;
        }
        state = to;
        return true;
    }

    /** @param doing what is to be done to the job, such as "running" */
    void requireStarted(String doing, String jobId) {
        if (state == SchedulerState.STOPPED) {
            throw new IllegalStateException(jobId == null ? "Scheduler is not running"
                    : "Scheduler is not running: start it before " + doing + " job '" + jobId + "'");
        }
    }

    /** Shut down since the last start. */
    boolean isShutDown() {
        return shutDown;
    }

    /** A job added now would wait for a start that may never come. */
    void requireNotShutDown(String notDone) {
        if (shutDown) {
            throw new IllegalStateException("Scheduler has been shut down: " + notDone + " (start it again first)");
        }
    }
}
