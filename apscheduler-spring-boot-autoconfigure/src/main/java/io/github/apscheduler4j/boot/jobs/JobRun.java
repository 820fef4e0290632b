package io.github.apscheduler4j.boot.jobs;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * One run of a job, as the run history keeps it.
 *
 * @param scheduledRunTime when the run was due; {@code null} for a run started on demand
 * @param started when it started; {@code null} for a run that never started (missed, skipped or abandoned)
 * @param duration how long it took; {@code null} for a run that never started, or whose end no instance saw
 * @param outcome how it ended
 * @param error the exception's class and message for an {@link JobRunOutcome#ERROR}, else {@code null}
 * @param note what followed or befell the run, in words: for a failed run, that it is tried again and when; for an
 *     {@link JobRunOutcome#ABANDONED} one, which instance held it; else {@code null}
 */
public record JobRun(ZonedDateTime scheduledRunTime, ZonedDateTime started, Duration duration, JobRunOutcome outcome,
        String error, String note) {

    /** A run without a note. */
    public JobRun(ZonedDateTime scheduledRunTime, ZonedDateTime started, Duration duration, JobRunOutcome outcome,
            String error) {
        this(scheduledRunTime, started, duration, outcome, error, null);
    }

    JobRun withNote(String value) {
        return new JobRun(scheduledRunTime, started, duration, outcome, error, value);
    }
}
