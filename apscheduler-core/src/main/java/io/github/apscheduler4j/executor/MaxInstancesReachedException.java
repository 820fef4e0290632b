package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;

/** A job already has its maximum number of runs under way (APScheduler's {@code MaxInstancesReachedError}). */
public class MaxInstancesReachedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MaxInstancesReachedException(Job job) {
        super("Job \"" + job.id() + "\" has already reached its maximum number of instances (" + job.maxInstances() + ")");
    }
}
