package io.github.apscheduler4j.boot.jobs;

import io.github.apscheduler4j.config.SecretValues;

/**
 * One run of a job, from the {@link JobRunHistory}.
 *
 * @param scheduledRunTime when it was due; {@code null} for a run started on demand
 * @param started {@code null} for a run that never started (missed, skipped or abandoned)
 * @param duration ISO-8601 ({@code PT0.0125S}); {@code null} for a run that never started
 * @param durationMillis the same in milliseconds, with their fraction: what a chart draws
 * @param outcome {@code SUCCESS}, {@code ERROR}, {@code MISSED}, {@code SKIPPED} or {@code ABANDONED}
 * @param error the exception's class and message for a failed run, with what looks secret in it masked
 *     ({@link SecretValues#maskInText}), else {@code null}
 * @param note for a failed run, the retry that follows; for an abandoned one, the instance that held it; else
 *     {@code null}
 */
public record JobRunDescriptor(String scheduledRunTime, String started, String duration, Double durationMillis,
        String outcome, String error, String note) {

    static JobRunDescriptor of(JobRun run) {
        return new JobRunDescriptor(Iso8601.dateTime(run.scheduledRunTime()), Iso8601.dateTime(run.started()),
                Iso8601.duration(run.duration()),
                run.duration() == null ? null : run.duration().toNanos() / 1_000_000.0, run.outcome().name(),
                SecretValues.maskInText(run.error()), run.note());
    }
}
