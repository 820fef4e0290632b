package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.scheduler.BlockingScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the scheduler when the application context has been refreshed (in the last lifecycle phase, after the web
 * server) and shuts it down first when the context closes: waiting for the runs under way at most
 * {@code apscheduler.shutdown.await-termination}, or not at all with {@code apscheduler.shutdown.wait=false}.
 */
public class ApSchedulerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApSchedulerLifecycle.class);

    private final Scheduler scheduler;
    private final boolean autoStart;
    private final boolean waitForJobs;
    private final Duration awaitTermination;

    public ApSchedulerLifecycle(Scheduler scheduler, boolean autoStart, boolean waitForJobs, Duration awaitTermination) {
        this.scheduler = scheduler;
        this.autoStart = autoStart;
        this.waitForJobs = waitForJobs;
        this.awaitTermination = awaitTermination;
    }

    @Override
    public void start() {
        // a blocking scheduler holds the thread that starts it: ApSchedulerBlockingRunner starts it on the main thread
        if (!scheduler.isRunning() && !(scheduler instanceof BlockingScheduler)) {
            scheduler.start();
        }
    }

    @Override
    public void stop() {
        if (!scheduler.isRunning()) {
            return;
        }
        if (!waitForJobs) {
            shutdown(false);
            return;
        }
        // the engine waits for every run, however long; the application waits at most awaitTermination
        Thread shutdown = new Thread(() -> shutdown(true), "apscheduler-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        try {
            shutdown.join(Math.max(1, awaitTermination.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shutdown.isAlive()) {
            log.warn("Jobs were still running {} after the scheduler was told to shut down; no longer waiting for them",
                    awaitTermination);
        }
    }

    private void shutdown(boolean wait) {
        try {
            scheduler.shutdown(wait);
        } catch (IllegalStateException e) {
            // shut down by the application meanwhile
            log.debug("Scheduler was already shut down", e);
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
