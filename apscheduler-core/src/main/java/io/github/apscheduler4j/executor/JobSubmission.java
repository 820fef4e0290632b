package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/** A job's due runs, as {@link JobExecutor#submit} takes them: oldest first; a {@code null} run time means "now". */
public record JobSubmission(Job job, List<ZonedDateTime> runTimes) {

    public JobSubmission {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(runTimes, "runTimes");
    }
}
