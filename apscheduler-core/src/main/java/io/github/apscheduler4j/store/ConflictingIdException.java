package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A job was added with an id that a store already holds (APScheduler's {@code ConflictingIdError}). */
public class ConflictingIdException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    public ConflictingIdException(String jobId) {
        this(jobId, "conflicts with an existing job");
    }

    /** @param problem what the stored record of that id is, for the message */
    public ConflictingIdException(String jobId, String problem) {
        super("Job identifier (" + jobId + ") " + problem);
        this.jobId = jobId;
    }

    /**
     * Checks that jobs to be added together name each id once.
     *
     * @throws ConflictingIdException naming the first id that {@code jobs} repeat
     */
    public static void requireDistinctIds(List<Job> jobs) {
        Set<String> ids = new HashSet<>();
        for (Job job : jobs) {
            if (!ids.add(job.id())) {
                throw new ConflictingIdException(job.id(), "is given twice among the jobs added together");
            }
        }
    }

    public String jobId() {
        return jobId;
    }
}
