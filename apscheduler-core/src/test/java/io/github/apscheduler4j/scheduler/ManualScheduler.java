package io.github.apscheduler4j.scheduler;

/** A scheduler whose loop the test drives by calling {@link #processJobs()} and {@link #superviseRuns()}: no thread, no waiting. */
final class ManualScheduler extends AbstractScheduler {

    ManualScheduler(SchedulerConfig config) {
        super(config, new SchedulerLoop() {
            @Override
            public void start(AbstractScheduler scheduler) {
            }

            @Override
            public void wakeup() {
            }

            @Override
            public void stop() {
            }

            @Override
            public boolean heartbeatOnTimer() {
                return false;
            }
        });
    }
}
