package io.github.apscheduler4j.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets the processing loop sleep until a deadline or an earlier wake-up, without losing a wake-up sent while it was
 * busy; and tells whether it sleeps only until a time, so that a job added for later need not wake it.
 */
final class WakeupSignal {

    private static final long FOREVER = Long.MAX_VALUE;
    private static final long AWAKE = Long.MIN_VALUE;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;
    // the System.nanoTime() the loop sleeps until (FOREVER: until signalled); AWAKE while it is in a pass or between
    // passes, when a signal is the only way to have a job it has not seen looked at
    private volatile long sleepingUntil = AWAKE;

    void signal() {
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the loop sleeps until a time no later than {@code due} on {@code clock}, so that its next pass, which
     * sees whatever was stored before this call, comes in time without a signal. The loop's deadline is read before
     * the clock, so that a delay between the two reads makes the answer no.
     */
    boolean wakesBy(Instant due, Clock clock) {
        long until = sleepingUntil;
        if (until == AWAKE || until == FOREVER || due == null) {
            return false;
        }
        long loopLeft = until - System.nanoTime();
        Instant now = clock.instant();
        if (!due.isAfter(now)) {
            return loopLeft <= 0;
        }
        // beyond a day either way the comparison needs no nanoseconds (and they would overflow a long past 292 years)
        Duration dueIn = Duration.between(now, due);
        if (dueIn.getSeconds() > TimeUnit.DAYS.toSeconds(1)) {
            return loopLeft <= TimeUnit.DAYS.toNanos(1);
        }
        return loopLeft <= dueIn.toNanos();
    }

    /**
     * Waits until {@code timeout} after {@code fromNanos} (a {@link System#nanoTime()}; {@code timeout} {@code null}:
     * until signalled) or until signalled, whichever is first. The loop counts the wait a pass asks for from the
     * pass's start, when the pass read the clock, so that it wakes at the time the pass named, not that time plus the
     * pass's own length.
     */
    void await(Duration timeout, long fromNanos) throws InterruptedException {
        lock.lock();
        try {
            if (timeout == null) {
                sleepingUntil = FOREVER;
                while (!pending) {
                    woken.await();
                }
            } else {
                long deadline = fromNanos + timeout.toNanos();
                sleepingUntil = deadline;
                long nanos = deadline - System.nanoTime();
                while (!pending && nanos > 0) {
                    nanos = woken.awaitNanos(nanos);
                }
            }
            pending = false;
        } finally {
            sleepingUntil = AWAKE;
            lock.unlock();
        }
    }

    static Duration clamp(Duration wait) {
        // Condition.awaitNanos takes a long: keep far-future waits within it
        return wait == null || wait.compareTo(Duration.ofDays(365)) <= 0 ? wait : Duration.ofNanos(TimeUnit.DAYS.toNanos(365));
    }
}
