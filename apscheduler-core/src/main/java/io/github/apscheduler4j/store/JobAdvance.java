package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One due job to move on, as {@link JobStore#advanceJob} takes it: the job as read and its next run time
 * ({@code null}: remove it, its trigger is exhausted).
 */
public record JobAdvance(Job due, ZonedDateTime nextRunTime) {

    public JobAdvance {
        Objects.requireNonNull(due, "due");
    }
}
