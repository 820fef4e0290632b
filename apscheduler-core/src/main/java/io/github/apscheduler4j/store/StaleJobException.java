package io.github.apscheduler4j.store;

/**
 * A write to a stored job lost a race: the job was changed (by another scheduler sharing the store, or another thread)
 * since the version the write was based on was read. Nothing was written; read the job again and re-apply the change.
 */
public class StaleJobException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final long readVersion;

    public StaleJobException(String jobId, long readVersion) {
        super("Job '" + jobId + "' was changed since its version " + readVersion + " was read; nothing was written");
        this.jobId = jobId;
        this.readVersion = readVersion;
    }

    public String jobId() {
        return jobId;
    }

    /** The version the lost write was based on. */
    public long readVersion() {
        return readVersion;
    }
}
