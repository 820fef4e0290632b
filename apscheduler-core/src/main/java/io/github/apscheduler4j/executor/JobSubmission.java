package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A job's due runs, as {@link JobExecutor#submit} takes them: oldest first; a {@code null} run time means "now".
 * {@code attempt} is the attempt at these fires, from 1: a retry, or a rerun after a crash, has a higher one, which
 * each run's {@code JobContext} carries.
 */
public record JobSubmission(Job job, List<ZonedDateTime> runTimes, int attempt) {

    public JobSubmission {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(runTimes, "runTimes");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1 but was " + attempt);
        }
    }

    /** A first attempt. */
    public JobSubmission(Job job, List<ZonedDateTime> runTimes) {
        this(job, runTimes, 1);
    }
}
