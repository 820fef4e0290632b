package io.github.apscheduler4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.store.StoredJobReader.StoredJob;
import io.github.apscheduler4j.time.MutableClock;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

class StoredJobReaderTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final JobStoreContext CONTEXT = new JobStoreContext("main", new ClassTargetResolver(), UTC,
            MutableClock.at("2026-01-01T00:00:00Z"));

    /** The target of the jobs read back. */
    public static void run() {
    }

    private final Queue<SubstituteLoggingEvent> logged = new ConcurrentLinkedQueue<>();
    private final List<String> flagged = new ArrayList<>();
    private final Set<String> quarantined = new HashSet<>();
    /** Flags a record once, as a store's conditional update does. */
    private final StoredJobReader reader = new StoredJobReader(CONTEXT, "apscheduler_jobs", (record, reason) -> {
        flagged.add(record.id() + "@" + record.version() + ": " + reason);
        return quarantined.add(record.id());
    }, new EventRecordingLogger(new SubstituteLogger("store", logged, false), logged));

    private static StoredJob stored(String id, Instant nextRunTime) {
        Job job = Job.builder().id(id).target(JobTarget.of(ClassTargetResolver.reference(StoredJobReaderTests.class,
                "run"), (args, kwargs) -> null)).trigger(Triggers.create("interval", Map.of("minutes", 1), UTC))
                .nextRunTime(nextRunTime.atZone(UTC)).build();
        return new StoredJob(id, JobCodec.encode(job), nextRunTime, 3);
    }

    @Test
    void readsTheRecordsInTheirOrderWithTheirVersions() {
        List<Job> jobs = reader.jobs(List.of(stored("b", T0), stored("a", T0.plusSeconds(60))));

        assertThat(jobs).extracting(Job::id).containsExactly("b", "a");
        assertThat(jobs).extracting(Job::version).containsExactly(3L, 3L);
        assertThat(jobs.get(1).nextRunTime().toInstant()).isEqualTo(T0.plusSeconds(60));
        assertThat(jobs.get(0).jobstore()).isEqualTo("main");
        assertThat(flagged).isEmpty();
    }

    @Test
    void leavesOutAndFlagsARecordItCannotReadAndLogsItOnce() {
        List<StoredJob> records = List.of(stored("good", T0), new StoredJob("bad", "{\"format\": 1", T0, 5));

        assertThat(reader.jobs(records)).extracting(Job::id).containsExactly("good");
        assertThat(reader.jobs(records)).extracting(Job::id).containsExactly("good");

        assertThat(flagged).hasSize(2).allSatisfy(flag -> assertThat(flag).startsWith("bad@5: job state is not valid"
                + " JSON"));
        assertThat(logged).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getMessage()).startsWith("Job '{}' of job store '{}' cannot be read back and is"
                    + " quarantined: kept in {}, never run");
            assertThat(event.getArgumentArray()).startsWith("bad", "main", "apscheduler_jobs");
        });
    }

    @Test
    void quarantinesARecordWithoutTextForItsState() {
        assertThat(reader.jobs(List.of(new StoredJob("binary", null, T0, 1)))).isEmpty();

        assertThat(flagged).containsExactly("binary@1: job_state is not a string");
    }
}
