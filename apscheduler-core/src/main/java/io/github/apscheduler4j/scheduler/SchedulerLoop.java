package io.github.apscheduler4j.scheduler;

import java.time.Clock;
import java.time.Instant;

/**
 * How a scheduler's processing loop runs and waits: the only thing that differs between APScheduler's
 * scheduler classes. The loop calls {@link AbstractScheduler#processJobs()} and waits for the delay it
 * returns ({@code null}: until woken), for as long as the scheduler {@link AbstractScheduler#isRunning() runs}.
 * Passes never overlap.
 */
public interface SchedulerLoop {

    /** Starts running passes of {@code scheduler}'s loop. May block until the scheduler stops (blocking kinds). */
    void start(AbstractScheduler scheduler);

    /** Makes the next pass happen now. Safe from any thread, before and after {@link #start}. */
    void wakeup();

    /**
     * Makes a pass come by {@code due} on {@code clock} ({@code null}: now), one that sees what was stored before this
     * call: what adding a job needs. A loop that sleeps until a time no later than that need not be woken, which
     * spares it a pass for each job of a large batch added for later; by default it is woken.
     */
    default void wakeupBy(Instant due, Clock clock) {
        wakeup();
    }

    /** Called once the scheduler has stopped: ends the loop, waiting for a pass under way unless called from it. */
    void stop();

    /**
     * Whether the scheduler's heartbeat (renewing leases, taking over runs; see
     * {@link AbstractScheduler#superviseRuns()}) runs on a timer of its own; a loop that a test drives by hand calls it
     * instead.
     */
    default boolean heartbeatOnTimer() {
        return true;
    }

    /**
     * Whether the loop can still run passes once started: false when its thread has ended or its timer can no longer
     * fire while the scheduler still runs, which a health check reports. Not meaningful before {@link #start}.
     */
    default boolean isAlive() {
        return true;
    }

    /**
     * A loop with no thread and no timer: the caller runs each pass ({@link AbstractScheduler#processJobs()}) and each
     * heartbeat ({@link AbstractScheduler#superviseRuns()}) itself, as a test that steps a clock does.
     */
    static SchedulerLoop manual() {
        return ManualLoop.INSTANCE;
    }
}
