package io.github.apscheduler4j.scheduler;

/**
 * Runs the processing loop on a thread of its own: APScheduler's {@code BackgroundScheduler}, for applications
 * (and Spring Boot) that go on with their own work.
 */
public class BackgroundScheduler extends AbstractScheduler {

    public BackgroundScheduler() {
        this(SchedulerConfig.defaults());
    }

    public BackgroundScheduler(SchedulerConfig config) {
        super(config, ThreadLoop.onPlatformThread(config.daemon()));
    }
}
