package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.job.JobSpec;

/**
 * One {@code @ApsJob} annotation, read and checked: the job it adds.
 *
 * @param method the annotated method as {@code SimpleClassName.methodName}, for messages
 * @param spec the job to add
 * @param runsOnceAtStart whether the annotation names no trigger: the job runs once, when the scheduler starts
 */
record ApsJobDefinition(String method, JobSpec spec, boolean runsOnceAtStart) {
}
