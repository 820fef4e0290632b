package io.github.apscheduler4j.scheduler;

/** What {@link Scheduler#reconcileJob} found in the store, and so did, for a job the application declares. */
public enum Reconciliation {

    /** No job of its id was stored: it was added, with the next run time its trigger gives. */
    ADDED,

    /** The stored job has its definition: it was left exactly as stored (next run time, paused state, version). */
    UNCHANGED,

    /** Its definition changed but not its trigger: the definition was updated, the next run time and paused state kept. */
    UPDATED,

    /**
     * Its trigger changed: the definition was updated and the next run time computed from the new trigger; a paused job
     * stayed paused.
     */
    RESCHEDULED,

    /** A quarantined record holds its id: it was left as it is, evidence for a person to look at; nothing was written. */
    QUARANTINED
}
