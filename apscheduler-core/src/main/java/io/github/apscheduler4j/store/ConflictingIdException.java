package io.github.apscheduler4j.store;

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

    public String jobId() {
        return jobId;
    }
}
