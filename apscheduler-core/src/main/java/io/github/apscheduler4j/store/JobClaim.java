package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One due run to claim, as {@link JobStore#claimJob} takes it: the job as read, the next run time to move it on to
 * ({@code null}: remove it, its trigger is exhausted), and the run to record in the store's {@link RunLedger} with the
 * claim ({@code null}: none).
 */
public record JobClaim(Job due, ZonedDateTime nextRunTime, ClaimedRun run) {

    public JobClaim {
        Objects.requireNonNull(due, "due");
    }

    /** A claim that records no run. */
    public JobClaim(Job due, ZonedDateTime nextRunTime) {
        this(due, nextRunTime, null);
    }
}
