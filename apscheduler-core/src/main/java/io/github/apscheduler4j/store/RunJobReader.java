package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Reads the job a persistent store's {@link RunLedger} keeps with each run (the job as claimed, in {@link JobCodec}'s
 * JSON), the same way for every store. A run whose job cannot be read back (a format of another version, an unknown
 * trigger) is not dropped: it is read with a stand-in job of the same id whose target no instance resolves
 * ({@link #UNREADABLE_TARGET}; recovery {@code none}), so that it still shows in {@link RunLedger#all()} and, once its
 * holder's lease runs out, is reported abandoned by a live instance rather than run. The reason is logged once per run
 * and version.
 */
public final class RunJobReader {

    /** The target of a stand-in job for a run whose state cannot be read: no resolver resolves it. */
    public static final String UNREADABLE_TARGET = "<unreadable run state>";

    private final String location;
    private final Logger log;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile JobCodec codec;
    private volatile JobStoreContext codecContext;

    /**
     * @param location where the runs' jobs are kept, as the log names it: a table, a Redis key
     * @param log the store's own logger, so that the warning keeps the store's category
     */
    public RunJobReader(String location, Logger log) {
        this.location = Objects.requireNonNull(location, "location");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The run's job, its next run time at the fire; a stand-in when {@code state} cannot be read back.
     *
     * @param started the store's context once started
     * @param state the job's JSON state, or {@code null} when the run holds none
     * @param version the run's version: a run written again is reported again
     */
    public Job job(JobStoreContext started, String jobId, Instant fireTime, long version, String state) {
        try {
            if (state == null) {
                throw new IllegalArgumentException("job_state is not a string");
            }
            return codec(started).decode(jobId, state, fireTime, 0);
        } catch (RuntimeException e) {
            String reason = e instanceof JobCodec.UndecodableJobException undecodable ? undecodable.reason()
                    : String.valueOf(e.getMessage());
            if (reported.add(jobId + "@" + fireTime + "#" + version)) {
                log.warn("Run of job '{}' scheduled at {} in {} cannot be read back; it is reported with a stand-in job"
                        + " that no instance runs (its holder's lease running out, it is reported abandoned). Reason:"
                        + " {}", jobId, fireTime, location, reason);
            }
            return Job.builder().id(jobId).name(jobId + " (unreadable run state: " + reason + ")")
                    .target(JobTarget.of(UNREADABLE_TARGET)).trigger(DateTrigger.at(fireTime.atZone(started.timezone())))
                    .jobstore(started.alias()).nextRunTime(fireTime.atZone(started.timezone())).build();
        }
    }

    private JobCodec codec(JobStoreContext started) {
        JobCodec current = codec;
        if (current == null || codecContext != started) {
            current = new JobCodec(started);
            codec = current;
            codecContext = started;
        }
        return current;
    }
}
