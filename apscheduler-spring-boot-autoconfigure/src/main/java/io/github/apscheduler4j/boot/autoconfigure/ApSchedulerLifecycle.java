package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.scheduler.BlockingScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the scheduler when the application context has been refreshed (in the last lifecycle phase, after the web
 * server) and stops it first when the context closes, within Spring's shutdown phase: it stops claiming, hands the
 * runs it claimed and has not started back to their shared stores, waits for the runs under way at most
 * {@code apscheduler.shutdown.await-termination} (by default {@code spring.lifecycle.timeout-per-shutdown-phase}), or
 * not at all with {@code apscheduler.shutdown.wait=false}, then stops its stores.
 *
 * <p>A {@link BlockingScheduler} runs its loop on a thread of its own that is no daemon, as
 * {@code spring.main.keep-alive} keeps one: the application stays up while the scheduler runs, yet
 * {@code SpringApplication.run} returns and the application becomes ready.
 */
public class ApSchedulerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApSchedulerLifecycle.class);

    private final Scheduler scheduler;
    private final boolean autoStart;
    private final boolean waitForJobs;
    private final Duration timeout;

    /**
     * @param timeout how long to wait for the runs under way when the context closes
     */
    public ApSchedulerLifecycle(Scheduler scheduler, boolean autoStart, boolean waitForJobs, Duration timeout) {
        this.scheduler = scheduler;
        this.autoStart = autoStart;
        this.waitForJobs = waitForJobs;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        if (scheduler.isRunning()) {
            return;
        }
        if (scheduler instanceof BlockingScheduler) {
            startOnThreadOfItsOwn();
        } else {
            scheduler.start();
        }
    }

    private void startOnThreadOfItsOwn() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        scheduler.addListener(event -> started.countDown(), EventMask.of(EventType.SCHEDULER_STARTED));
        Thread loop = new Thread(() -> {
            try {
                scheduler.start();
            } catch (RuntimeException e) {
                failure.set(e);
                started.countDown();
            }
        }, "apscheduler-blocking");
        // not a daemon: this thread keeps the JVM alive until the context closes and shuts the scheduler down
        loop.setDaemon(false);
        loop.start();
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    @Override
    public void stop() {
        if (!scheduler.isRunning()) {
            return;
        }
        try {
            if (waitForJobs) {
                scheduler.shutdown(timeout);
            } else {
                scheduler.shutdown(false);
            }
        } catch (IllegalStateException e) {
            // shut down by the application meanwhile
            log.debug("Scheduler was already shut down", e);
        }
    }

    /** Stops on a thread of its own, so that the other beans of the phase stop meanwhile, as Spring's phases do. */
    @Override
    public void stop(Runnable callback) {
        if (!scheduler.isRunning()) {
            callback.run();
            return;
        }
        Thread shutdown = new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, "apscheduler-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
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
