package io.github.apscheduler4j.scheduler;

/** A scheduler whose loop the test drives by calling {@link #processJobs()} and {@link #superviseRuns()}: no thread, no waiting. */
final class ManualScheduler extends AbstractScheduler {

    ManualScheduler(SchedulerConfig config) {
        super(config, SchedulerLoop.manual());
    }
}
