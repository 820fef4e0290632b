package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;

/**
 * How many jobs a store holds, by state; quarantined records are not counted.
 *
 * @param scheduled jobs with a next run time
 * @param paused jobs without one
 */
public record JobCounts(long scheduled, long paused) {

    public JobCounts {
        if (scheduled < 0 || paused < 0) {
            throw new IllegalArgumentException("job counts must not be negative but were scheduled=" + scheduled
                    + ", paused=" + paused);
        }
    }

    /** The counts of {@code jobs}. */
    public static JobCounts of(Iterable<Job> jobs) {
        long scheduled = 0;
        long paused = 0;
        for (Job job : jobs) {
            if (job.isPaused()) {
                paused++;
            } else {
                scheduled++;
            }
        }
        return new JobCounts(scheduled, paused);
    }
}
