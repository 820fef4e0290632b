package io.github.apscheduler4j.boot.jobs;

/** How one scheduled run of a job ended. */
public enum JobRunOutcome {

    /** The job ran and returned normally. */
    SUCCESS,

    /** The job ran and threw an exception. */
    ERROR,

    /** The run was not started: it was later than the job's misfire grace time allows. */
    MISSED,

    /** The run was not started: the job's {@code max_instances} runs were already under way. */
    SKIPPED,

    /**
     * The run's instance died while it held the run (it stopped renewing the run's lease), and the run is not tried
     * again: the job's recovery is {@code none}, or the run was already a rerun. A live instance reports it.
     */
    ABANDONED
}
