package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One due run to claim, as {@link JobStore#claimJob} takes it: the job as read, and the next run time to move it on
 * to ({@code null}: remove it, its trigger is exhausted).
 */
public record JobClaim(Job due, ZonedDateTime nextRunTime) {

    public JobClaim {
        Objects.requireNonNull(due, "due");
    }
}
