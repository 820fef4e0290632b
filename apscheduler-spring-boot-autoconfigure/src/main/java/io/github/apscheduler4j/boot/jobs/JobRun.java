package io.github.apscheduler4j.boot.jobs;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * One run of a job, as the run history keeps it.
 *
 * @param scheduledRunTime when the run was due; {@code null} for a run started on demand
 * @param started when it started; {@code null} for a run that never started (missed or skipped)
 * @param duration how long it took; {@code null} for a run that never started
 * @param outcome how it ended
 * @param error the exception's class and message for an {@link JobRunOutcome#ERROR}, else {@code null}
 */
public record JobRun(ZonedDateTime scheduledRunTime, ZonedDateTime started, Duration duration, JobRunOutcome outcome,
        String error) {
}
