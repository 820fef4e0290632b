package io.github.apscheduler4j.store;

import java.util.NoSuchElementException;

/** No job has the given id (APScheduler's {@code JobLookupError}). */
public class JobLookupException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    public JobLookupException(String jobId) {
        super("No job by the id of " + jobId + " was found");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
