package io.github.apscheduler4j.boot.jobs;

import io.github.apscheduler4j.job.Job;

/**
 * A job's schedule and settings, and its last run.
 *
 * @param target the reference of what the job runs ({@code bean:reports.nightly})
 * @param nextRunTime ISO-8601; {@code null} while paused
 * @param jobstore the alias of the store holding the job
 * @param misfireGraceTime ISO-8601 ({@code PT30S}); {@code null} for no limit
 * @param lastRun {@code null} when it has not run since the application started
 * @param notRunnableHere why this instance cannot run the job (instances that can still do), or {@code null}
 */
public record JobDescriptor(String id, String name, String target, TriggerDescriptor trigger, String nextRunTime,
        String jobstore, String executor, boolean paused, boolean coalesce, int maxInstances,
        String misfireGraceTime, JobRunDescriptor lastRun, String notRunnableHere) {

    static JobDescriptor of(Job job, JobRun lastRun, String notRunnableHere) {
        return new JobDescriptor(job.id(), job.name(), job.target().displayName(), TriggerDescriptor.of(job.trigger()),
                Iso8601.dateTime(job.nextRunTime()), job.jobstore(), job.executor(), job.isPaused(), job.coalesce(),
                job.maxInstances(), Iso8601.duration(job.misfireGraceTime()),
                lastRun == null ? null : JobRunDescriptor.of(lastRun), notRunnableHere);
    }
}
