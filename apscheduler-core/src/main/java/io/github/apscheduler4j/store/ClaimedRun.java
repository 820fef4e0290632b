package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.Instant;
import java.util.Objects;

/**
 * A fire that an instance claimed and that has not ended yet, as its store's {@link RunLedger} keeps it: so that the
 * fire ends with an outcome someone can see even when the instance that claimed it dies (its lease runs out and a live
 * instance takes it over), and so that a failed run's retries survive restarts and may happen on another instance.
 *
 * @param jobId the job's id
 * @param fireTime the scheduled fire time (of the last run of a submission that caught up several)
 * @param instanceId the instance that holds it, or {@code null} while it waits ({@link Phase#RETRY_DUE},
 *     {@link Phase#HANDED_BACK})
 * @param leaseEnd while {@link Phase#RUNNING}: when the lease runs out unless renewed; while waiting: from when any
 *     instance may take it
 * @param attempt which attempt at the fire, from 1
 * @param phase where the run is
 * @param version grows with every write, for the ledger's compare-and-set
 * @param job the job as claimed: a job whose trigger was exhausted by this fire is no longer stored, but can still be
 *     run again or reported
 */
public record ClaimedRun(String jobId, Instant fireTime, String instanceId, Instant leaseEnd, int attempt, Phase phase,
        long version, Job job) {

    /** Where a claimed run is. */
    public enum Phase {
        /** Held by {@code instanceId}, which runs it and renews its lease. */
        RUNNING,
        /** Failed; waits until {@code leaseEnd} for its next attempt, on any instance. */
        RETRY_DUE,
        /** Claimed but never started by an instance that shut down: any instance runs it now, at the same attempt. */
        HANDED_BACK
    }

    public ClaimedRun {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(fireTime, "fireTime");
        Objects.requireNonNull(leaseEnd, "leaseEnd");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(job, "job");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1 but was " + attempt);
        }
    }

    /** A run just claimed by {@code instanceId}: attempt 1, its lease running until {@code leaseEnd}. */
    public static ClaimedRun claimed(Job job, Instant fireTime, String instanceId, Instant leaseEnd) {
        return new ClaimedRun(job.id(), fireTime, instanceId, leaseEnd, 1, Phase.RUNNING, 0, job);
    }

    /** The fire's identity across attempts and instances: {@code jobId@fireTime}, as {@code JobContext.fireId()}. */
    public String fireId() {
        return jobId + "@" + fireTime;
    }

    /** This run in another phase, held by {@code instance} ({@code null}: waiting), with the version after a write. */
    public ClaimedRun moved(Phase newPhase, String instance, Instant newLeaseEnd, int newAttempt) {
        return new ClaimedRun(jobId, fireTime, instance, newLeaseEnd, newAttempt, newPhase, version + 1, job);
    }

    /** Whether a live instance may take it over at {@code now}: its lease ran out, or its wait is over. */
    public boolean isUpForGrabs(Instant now) {
        return phase == Phase.RUNNING ? leaseEnd.isBefore(now) : !leaseEnd.isAfter(now);
    }
}
