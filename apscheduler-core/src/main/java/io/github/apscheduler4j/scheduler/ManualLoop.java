package io.github.apscheduler4j.scheduler;

/** {@link SchedulerLoop#manual()}: passes and heartbeats run when the caller asks for them, so there is nothing to do. */
enum ManualLoop implements SchedulerLoop {
    INSTANCE;

    @Override
    public void start(AbstractScheduler scheduler) {
        // passes run when the caller runs them
    }

    @Override
    public void wakeup() {
        // likewise
    }

    @Override
    public void stop() {
        // no thread to end
    }

    @Override
    public boolean heartbeatOnTimer() {
        return false;
    }
}
