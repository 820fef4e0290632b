package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ProcessingPass} for the loop: only while the scheduler runs, under its lock, with the pass's events
 * dispatched once the lock is released, and turns its outcome into the wait until the next pass. A pass that throws,
 * even an {@code Error}, is kept as the {@link PassFailure} a health check reports, and retried: the loop must not end
 * quietly while the scheduler runs.
 */
final class PassRunner {

    // under the scheduler's name, where the loop logged before it had a class of its own: users filter on it
    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);

    private final SchedulerConfig config;
    private final ProcessingPass pass;
    private final ComponentRegistry<JobStore> stores;
    private final Lock lock;
    private final Supplier<SchedulerState> state;
    private final Consumer<SchedulerEvent> dispatch;
    private volatile PassFailure lastFailure;

    PassRunner(SchedulerConfig config, ProcessingPass pass, ComponentRegistry<JobStore> stores, Lock lock,
            Supplier<SchedulerState> state, Consumer<SchedulerEvent> dispatch) {
        this.config = config;
        this.pass = pass;
        this.stores = stores;
        this.lock = lock;
        this.state = state;
        this.dispatch = dispatch;
    }

    /** Runs one pass; returns how long to wait until the next one ({@code null}: until woken). */
    Duration run() {
        try {
            Duration wait = runPass();
            lastFailure = null;
            return wait;
        } catch (Throwable e) {
            lastFailure = new PassFailure(config.clock().instant(), e);
            Duration retry = config.jobstoreRetryInterval();
            log.error("Scheduler pass failed; the next pass is in {}", retry, e);
            return state.get() == SchedulerState.RUNNING ? retry : null;
        }
    }

    PassFailure lastFailure() {
        return lastFailure;
    }

    /** The loop stopped on its own while the scheduler runs: no pass will come, which health reports. */
    void loopEnded(Throwable reason) {
        lastFailure = new PassFailure(config.clock().instant(), reason);
    }

    private Duration runPass() {
        if (state.get() != SchedulerState.RUNNING) {
            return null;
        }
        ZonedDateTime now = ZonedDateTime.ofInstant(config.clock().instant(), config.timezone());
        Instant nextWakeup;
        List<SchedulerEvent> events = new ArrayList<>();
        lock.lock();
        try {
            if (state.get() != SchedulerState.RUNNING) {
                // shut down or paused since the check above: claiming runs now would hand them to stopped executors
                return null;
            }
            nextWakeup = pass.run(stores, now, events);
        } finally {
            lock.unlock();
        }
        events.forEach(dispatch);
        if (state.get() != SchedulerState.RUNNING || nextWakeup == null) {
            log.debug("No jobs to run; waiting until woken");
            return null;
        }
        Duration wait = Duration.between(now.toInstant(), nextWakeup);
        log.debug("Next wakeup is due at {} (in {})", nextWakeup.atZone(config.timezone()), wait);
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
