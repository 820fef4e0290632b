package io.github.apscheduler4j.boot.observation;

import io.github.apscheduler4j.boot.actuate.metrics.JobTags;
import io.github.apscheduler4j.executor.RunDecorator;
import io.github.apscheduler4j.job.JobContext;
import io.micrometer.observation.Observation;
import java.time.ZonedDateTime;

/**
 * What the {@code apscheduler.job.execution} observation of one run knows: the run (job, executor, store, fire time,
 * attempt), the bounded tag of its job and, once it ended, its outcome.
 */
public class JobExecutionObservationContext extends Observation.Context {

    /** The outcome of a run that has not ended yet. */
    public static final String UNKNOWN = "unknown";

    private final RunDecorator.Run run;
    private final JobTags jobTags;
    private volatile String outcome = UNKNOWN;

    /** @param jobTags gives the value of the {@code job} key */
    public JobExecutionObservationContext(RunDecorator.Run run, JobTags jobTags) {
        this.run = run;
        this.jobTags = jobTags;
    }

    /** The run observed. */
    public RunDecorator.Run getRun() {
        return run;
    }

    /** The job's id. */
    public String getJobId() {
        return run.context().jobId();
    }

    /**
     * The low-cardinality value standing for the job ({@link JobTags}), asked again when the run ends: a job removed
     * meanwhile (a one-shot job's last run) is then tagged {@value JobTags#OTHER}, so that no meter outlives it.
     */
    public String getJobTag() {
        return jobTags.tagOf(getJobId(), getJobstore());
    }

    /** The alias of the executor running the job. */
    public String getExecutor() {
        return run.executor();
    }

    /** The alias of the job's store, or {@code null}. */
    public String getJobstore() {
        return run.context().jobstore();
    }

    /** When the run was scheduled for, or {@code null} for a run now, outside the schedule. */
    public ZonedDateTime getScheduledFireTime() {
        return run.context().scheduledFireTime();
    }

    /** The attempt at this fire, from 1. */
    public int getAttempt() {
        return run.context().attempt();
    }

    /** The run's identity. */
    public JobContext getJobContext() {
        return run.context();
    }

    /** {@code success}, {@code error}, or {@value #UNKNOWN} while the run goes on. */
    public String getOutcome() {
        return outcome;
    }

    void setOutcome(String outcome) {
        this.outcome = outcome;
    }
}
