package io.github.apscheduler4j.scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Lets the processing loop sleep until a deadline or an earlier wake-up, without losing a wake-up sent while it was busy. */
final class WakeupSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;

    void signal() {
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} ({@code null}: until signalled) or until signalled, whichever is first. */
    void await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (timeout == null) {
                while (!pending) {
                    woken.await();
                }
            } else {
                long nanos = timeout.toNanos();
                while (!pending && nanos > 0) {
                    nanos = woken.awaitNanos(nanos);
                }
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    static Duration clamp(Duration wait) {
        // Condition.awaitNanos takes a long: keep far-future waits within it
        return wait == null || wait.compareTo(Duration.ofDays(365)) <= 0 ? wait : Duration.ofNanos(TimeUnit.DAYS.toNanos(365));
    }
}
