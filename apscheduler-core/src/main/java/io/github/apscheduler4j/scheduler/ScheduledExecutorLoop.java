package io.github.apscheduler4j.scheduler;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs the passes on a {@link ScheduledExecutorService}: an event loop of one's own, or a given one (Netty's). */
final class ScheduledExecutorLoop extends TimerLoop {

    private final ScheduledExecutorService executor;
    private final boolean owned;

    private ScheduledExecutorLoop(ScheduledExecutorService executor, boolean owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /** On {@code executor}, which the caller owns and shuts down. */
    static ScheduledExecutorLoop on(ScheduledExecutorService executor) {
        return new ScheduledExecutorLoop(executor, false);
    }

    /** On a single-threaded event loop of its own, shut down with the scheduler. */
    static ScheduledExecutorLoop ownEventLoop(boolean daemon) {
        return new ScheduledExecutorLoop(Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "apscheduler-event-loop");
            thread.setDaemon(daemon);
            return thread;
        }), true);
    }

    @Override
    protected Scheduled schedule(Runnable pass, Duration delay) {
        ScheduledFuture<?> future = executor.schedule(pass, WakeupSignal.clamp(delay).toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** An executor the application shut down runs no pass again. */
    @Override
    public boolean isAlive() {
        return !executor.isShutdown();
    }

    @Override
    public void stop() {
        super.stop();
        if (owned) {
            executor.shutdown();
        }
    }
}
