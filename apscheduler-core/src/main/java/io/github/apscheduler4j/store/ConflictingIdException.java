package io.github.apscheduler4j.store;

/** A job was added with an id that a store already holds (APScheduler's {@code ConflictingIdError}). */
public class ConflictingIdException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    public ConflictingIdException(String jobId) {
        super("Job identifier (" + jobId + ") conflicts with an existing job");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
