package io.github.apscheduler4j.scheduler;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each pass as a task a timer fires (an event loop, Swing's timer), with no thread of its own: after a pass
 * it schedules the next one; a wake-up replaces the scheduled pass by an immediate one.
 */
abstract class TimerLoop implements SchedulerLoop {

    private static final Logger log = LoggerFactory.getLogger(TimerLoop.class);

    /** A scheduled pass that can be called off. */
    interface Scheduled {
        void cancel();
    }

    private AbstractScheduler scheduler;
    private Scheduled next;
    private boolean running;
    private boolean rerun;

    /** Runs {@code pass} once, after {@code delay}, on the timer's thread. */
    protected abstract Scheduled schedule(Runnable pass, Duration delay);

    @Override
    public synchronized void start(AbstractScheduler owner) {
        scheduler = owner;
        next = schedule(this::pass, Duration.ZERO);
    }

    private void pass() {
        AbstractScheduler owner;
        synchronized (this) {
            if (running) {
                // a pass is under way on another thread of the timer: let it run once more instead
                rerun = true;
                return;
            }
            running = true;
            owner = scheduler;
        }
        Duration wait = null;
        try {
            if (owner != null && owner.isRunning()) {
                wait = owner.processJobs();
            }
        } catch (RuntimeException e) {
            log.error("Scheduler pass failed", e);
        } finally {
            synchronized (this) {
                running = false;
                if (scheduler != null && scheduler.isRunning()) {
                    Duration delay = rerun ? Duration.ZERO : wait;
                    rerun = false;
                    next = delay == null ? null : schedule(this::pass, delay);
                }
            }
        }
    }

    @Override
    public synchronized void wakeup() {
        if (scheduler == null || !scheduler.isRunning()) {
            return;
        }
        if (running) {
            rerun = true;
            return;
        }
        if (next != null) {
            next.cancel();
        }
        next = schedule(this::pass, Duration.ZERO);
    }

    @Override
    public synchronized void stop() {
        if (next != null) {
            next.cancel();
            next = null;
        }
        scheduler = null;
    }
}
