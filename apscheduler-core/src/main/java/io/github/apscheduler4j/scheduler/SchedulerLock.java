package io.github.apscheduler4j.scheduler;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The scheduler's lock: it guards the stores, executors and pending jobs, and a pass holds it across its store calls.
 * Reentrant, so that a job run in-thread may call the scheduler's API. Events are dispatched, and listeners called,
 * only once it is released.
 */
final class SchedulerLock extends ReentrantLock {

    private static final long serialVersionUID = 1L;

    /** Runs {@code action} holding the lock and returns its result. */
    <T> T call(Supplier<T> action) {
        lock();
        try {
            return action.get();
        } finally {
            unlock();
        }
    }

    /** Runs {@code action} holding the lock. */
    void run(Runnable action) {
        lock();
        try {
            action.run();
        } finally {
            unlock();
        }
    }
}
