package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobCodec.UndecodableJobException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Makes a persistent store's records into jobs, the same way for every store: a record that cannot be read back is
 * flagged as quarantined (by the store, which knows where the flag goes), logged once, and left out. A store makes
 * one when it starts, since decoding needs the scheduler's context.
 */
public final class StoredJobReader {

    /**
     * One record as a store finds it.
     *
     * @param state the job's JSON state, or {@code null} when the record holds no text there
     * @param nextRunTime the record's next run time column or field; {@code null} while paused
     */
    public record StoredJob(String id, String state, Instant nextRunTime, long version) {
    }

    /** How a store flags a record as quarantined. */
    @FunctionalInterface
    public interface Quarantine {

        /**
         * Flags the record, unless it is flagged already or has changed since it was read (its version).
         *
         * @return whether this call flagged it: only then is it logged, so that each record is logged once
         */
        boolean flag(StoredJob record, String reason);
    }

    private final JobCodec codec;
    private final String alias;
    private final String location;
    private final Quarantine quarantine;
    private final Logger log;
    private final Set<String> failedReads = ConcurrentHashMap.newKeySet();

    /**
     * @param location where the store keeps its records, as the log names it: a table, {@code collection jobs}
     * @param log the store's own logger, so that the warning keeps the store's category
     */
    public StoredJobReader(JobStoreContext context, String location, Quarantine quarantine, Logger log) {
        this.codec = new JobCodec(context);
        this.alias = context.alias();
        this.location = Objects.requireNonNull(location, "location");
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The records' jobs, in their order, in a list the caller may change. */
    public List<Job> jobs(List<StoredJob> records) {
        List<Job> jobs = new ArrayList<>(records.size());
        for (StoredJob record : records) {
            try {
                if (record.state() == null) {
                    throw new UndecodableJobException(record.id(), "job_state is not a string", null);
                }
                jobs.add(codec.decode(record.id(), record.state(), record.nextRunTime(), record.version()));
            } catch (UndecodableJobException e) {
                quarantine(record, e.reason());
            } catch (RuntimeException e) {
                // a failure of this version's reading, not a verdict on the record: skip it here, keep it, say so once
                if (failedReads.add(record.id() + "@" + record.version())) {
                    log.error("Job '{}' of job store '{}' is skipped: reading it failed; the record is kept as it is",
                            record.id(), alias, e);
                }
            }
        }
        return jobs;
    }

    private void quarantine(StoredJob record, String reason) {
        if (quarantine.flag(record, reason)) {
            log.warn("Job '{}' of job store '{}' cannot be read back and is quarantined: kept in {}, never run, listed by"
                    + " quarantinedJobs(); replace or remove it to clear it. Reason: {}", record.id(), alias, location,
                    reason);
        }
    }
}
