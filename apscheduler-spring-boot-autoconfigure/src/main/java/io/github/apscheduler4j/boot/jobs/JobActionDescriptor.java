package io.github.apscheduler4j.boot.jobs;

/**
 * What came of an action on a job.
 *
 * @param action {@code pause}, {@code resume}, {@code run} or {@code remove}
 * @param accepted {@code false} when a run now was refused because the job's {@code max_instances} runs are under way
 * @param job the job after the action, or as it was when removed; {@code null} when resuming found no fire time
 *     left, so that the job was removed
 */
public record JobActionDescriptor(String id, String action, boolean accepted, JobDescriptor job) {
}
