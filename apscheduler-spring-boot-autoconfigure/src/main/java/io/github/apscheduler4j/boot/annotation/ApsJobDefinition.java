package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.job.JobSpec;

/**
 * One {@code @ApsJob} annotation, read and checked: the job it declares.
 *
 * @param method the annotated method as {@code SimpleClassName.methodName}, for messages
 * @param spec the job to reconcile with its store
 */
record ApsJobDefinition(String method, JobSpec spec) {
}
