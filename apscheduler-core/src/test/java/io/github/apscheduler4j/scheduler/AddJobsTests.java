package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.executor.ProcessPoolJobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.time.MutableClock;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Scheduler#addJobs}: checked whole before anything is written, then one write per store. */
class AddJobsTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger wakeups = new AtomicInteger();
    private final RecordingJobStore store = new RecordingJobStore();
    private final RecordingJobStore other = new RecordingJobStore();
    private AbstractScheduler scheduler;

    @BeforeEach
    void createScheduler() {
        scheduler = new AbstractScheduler(SchedulerConfig.builder()
                .timezone(UTC)
                .clock(clock)
                .jobstore("default", store)
                .jobstore("other", other)
                .executor("default", new DirectJobExecutor())
                .executor("processpool", new ProcessPoolJobExecutor(1, List.of()))
                .build(), new CountingLoop()) {
        };
        scheduler.addListener(events::add);
    }

    @AfterEach
    void shutdownScheduler() {
        if (scheduler.isRunning()) {
            scheduler.shutdown();
        }
    }

    /** A loop that only counts the wake-ups it is sent. */
    private final class CountingLoop implements SchedulerLoop {

        @Override
        public void start(AbstractScheduler scheduler) {
        }

        @Override
        public void wakeup() {
            wakeups.incrementAndGet();
        }

        @Override
        public void stop() {
        }
    }

    /** Runs every ten seconds from T0 + 10 s. */
    private static JobSpec.Builder everyTenSeconds(String id) {
        return JobSpec.builder(() -> { }).id(id).trigger(Triggers.create("interval", Map.of("seconds", 10,
                "start_date", "2026-01-01T00:00:10Z", "timezone", "UTC"), UTC));
    }

    private static List<JobSpec> specs(String... ids) {
        List<JobSpec> specs = new ArrayList<>();
        for (String id : ids) {
            specs.add(everyTenSeconds(id).build());
        }
        return specs;
    }

    private static ZonedDateTime at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).atZone(UTC);
    }

    private List<String> added() {
        return events.stream().filter(SchedulerEvent.JobAdded.class::isInstance)
                .map(event -> ((SchedulerEvent.JobAdded) event).jobId()).toList();
    }

    @Test
    void addsEachStoresJobsWithOneWriteAndAnswersAHandlePerSpecInOrder() {
        scheduler.start();
        wakeups.set(0);

        List<JobHandle> handles = scheduler.addJobs(List.of(everyTenSeconds("a").build(),
                everyTenSeconds("b").jobstore("other").build(), everyTenSeconds("c").build(),
                everyTenSeconds("d").paused().build(), everyTenSeconds("e").nextRunTime(at(3)).build()));

        assertThat(handles).extracting(JobHandle::id).containsExactly("a", "b", "c", "d", "e");
        assertThat(handles).extracting(JobHandle::jobstore).containsExactly("default", "other", "default", "default",
                "default");
        assertThat(store.writes).containsExactly("addJobs [a, c, d, e]");
        assertThat(other.writes).containsExactly("addJobs [b]");
        assertThat(handles.get(0).job().nextRunTime()).as("from the trigger, as addJob computes it").isEqualTo(at(10));
        assertThat(handles.get(3).job().isPaused()).isTrue();
        assertThat(handles.get(4).job().nextRunTime()).as("the spec's own").isEqualTo(at(3));
        assertThat(added()).as("one event per job, in the order of the specs").containsExactly("a", "b", "c", "d", "e");
        assertThat(wakeups).as("one wake-up for the call").hasValue(1);
    }

    @Test
    void jobsAddedInABatchBeforeStartArePendingUntilStart() {
        List<JobHandle> handles = scheduler.addJobs(specs("a", "b"));

        assertThat(handles).extracting(JobHandle::jobstore).containsOnlyNulls();
        assertThat(scheduler.getJobs()).extracting(Job::id, Job::nextRunTime).containsExactly(tuple("a", null),
                tuple("b", null));
        assertThat(events).isEmpty();
        assertThat(store.writes).isEmpty();
        assertThat(wakeups).hasValue(0);

        scheduler.start();

        assertThat(scheduler.getJob("a", "default").nextRunTime()).isEqualTo(at(10));
        assertThat(events).extracting(SchedulerEvent::type).containsExactly(EventType.JOB_ADDED, EventType.JOB_ADDED,
                EventType.SCHEDULER_STARTED);
    }

    @Test
    void aPendingBatchTakingAPendingIdAddsNoneOfItUnlessReplacing() {
        scheduler.addJob(everyTenSeconds("a").name("first").build());

        assertThatThrownBy(() -> scheduler.addJobs(specs("b", "a")))
                .isInstanceOf(ConflictingIdException.class).hasMessageContaining("(a)");
        assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("a");

        scheduler.addJobs(List.of(everyTenSeconds("b").build(), everyTenSeconds("a").name("second")
                .replaceExisting(true).build()));
        assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("b", "a");
        assertThat(scheduler.getJob("a").name()).isEqualTo("second");
    }

    @Test
    void aBatchTakingAStoredIdAddsNoneOfItsStoresJobs() {
        scheduler.start();
        scheduler.addJob(everyTenSeconds("a").name("first").build());
        events.clear();
        wakeups.set(0);

        assertThatThrownBy(() -> scheduler.addJobs(specs("b", "a", "c")))
                .isInstanceOf(ConflictingIdException.class)
                .hasMessage("Job identifier (a) conflicts with an existing job");

        assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("a");
        assertThat(scheduler.getJob("a").name()).isEqualTo("first");
        assertThat(events).isEmpty();
        assertThat(wakeups).hasValue(0);
    }

    @Test
    void refusesABatchGivingAnIdTwiceBeforeWritingAnything() {
        scheduler.start();

        assertThatThrownBy(() -> scheduler.addJobs(List.of(everyTenSeconds("a").build(),
                everyTenSeconds("a").jobstore("other").replaceExisting(true).build())))
                .isInstanceOf(ConflictingIdException.class)
                .hasMessage("Job identifier (a) is given twice among the jobs added together");

        assertThat(store.writes).isEmpty();
        assertThat(other.writes).isEmpty();
    }

    @Test
    void aBadSpecFailsTheWholeBatchNamingItsIndexJobAndValueAndWritesNothing() {
        List<JobSpec> badTrigger = List.of(everyTenSeconds("a").build(),
                JobSpec.builder(() -> { }).id("bad").trigger("cron", Map.of("hour", 25)).build());
        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.addJobs(badTrigger))
                .withMessageStartingWith("Job spec 1 of the batch (job 'bad'): ")
                .withMessageContaining("cron field 'hour': value 25 is outside 0-23")
                .withMessageEndingWith("; no job of the batch was added");
        assertThat(scheduler.getJobs()).as("none pending").isEmpty();

        scheduler.start();
        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.addJobs(badTrigger))
                .withMessageContaining("value 25");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> scheduler.addJobs(List.of(everyTenSeconds("a").build(),
                        everyTenSeconds("b").jobstore("other").build(), everyTenSeconds("c").executor("nope").build())))
                .withMessageStartingWith("Job spec 2 of the batch (job 'c'): No such executor: 'nope'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> scheduler.addJobs(List.of(everyTenSeconds("a").build(),
                        everyTenSeconds("b").jobstore("nope").build())))
                .withMessageContaining("Job spec 1 of the batch (job 'b'): No such job store: 'nope'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> scheduler.addJobs(List.of(everyTenSeconds("a").build(),
                        everyTenSeconds("in-process").executor("processpool").build())))
                .withMessageStartingWith("Job spec 1 of the batch (job 'in-process'): job 'in-process' cannot run in a"
                        + " process pool: its target is in-process code")
                .withMessageEndingWith("; no job of the batch was added");

        assertThat(scheduler.getJobs()).isEmpty();
        assertThat(store.writes).isEmpty();
        assertThat(other.writes).isEmpty();
        assertThat(added()).isEmpty();
    }

    @Test
    void writesSpecsReplacingExistingJobsOneByOneAfterTheBatch() {
        scheduler.start();
        scheduler.addJob(everyTenSeconds("a").name("first").build());
        store.writes.clear();
        events.clear();

        List<JobHandle> handles = scheduler.addJobs(List.of(everyTenSeconds("a").name("second").replaceExisting(true)
                .build(), everyTenSeconds("b").build(), everyTenSeconds("c").name("new").replaceExisting(true).build()));

        assertThat(handles).extracting(JobHandle::id).containsExactly("a", "b", "c");
        assertThat(store.writes).containsExactly("addJobs [b]", "addJob a", "updateJob a", "addJob c");
        assertThat(scheduler.getJob("a").name()).isEqualTo("second");
        assertThat(scheduler.getJob("c").name()).isEqualTo("new");
        assertThat(added()).as("as addJob reports a job it replaced").containsExactly("a", "b", "c");
    }

    @Test
    void aStoreRefusingItsBatchLeavesTheEarlierStoresJobsAddedAndReported() {
        scheduler.start();
        scheduler.addJob(everyTenSeconds("taken").jobstore("other").build());
        events.clear();
        wakeups.set(0);

        assertThatThrownBy(() -> scheduler.addJobs(List.of(everyTenSeconds("a").build(),
                everyTenSeconds("taken").jobstore("other").build(), everyTenSeconds("b").build())))
                .isInstanceOf(ConflictingIdException.class).hasMessageContaining("(taken)");

        assertThat(scheduler.getJobs("default")).extracting(Job::id).containsExactly("a", "b");
        assertThat(added()).containsExactly("a", "b");
        assertThat(wakeups).hasValue(1);
    }

    @Test
    void anEmptyBatchAddsNothingAndWakesNothing() {
        scheduler.start();
        wakeups.set(0);
        events.clear();

        assertThat(scheduler.addJobs(List.of())).isEmpty();

        assertThat(events).isEmpty();
        assertThat(wakeups).hasValue(0);
    }

    @Test
    void refusesABatchAfterShutdownInsteadOfKeepingItPending() {
        scheduler.start();
        scheduler.shutdown();

        assertThatThrownBy(() -> scheduler.addJobs(specs("late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Scheduler has been shut down: no job of the batch added (start it again first)");
        assertThat(scheduler.getJobs()).isEmpty();
    }

    @Test
    void theDefaultAddJobsChecksEveryIdBeforeAddingOneByOne() {
        JobStore byDefault = new RecordingJobStore() {
            @Override
            public void addJobs(List<Job> jobs) {
                writes.add("addJobs " + jobs.stream().map(Job::id).toList());
                defaultAddJobs(jobs);
            }
        };
        byDefault.addJob(job("a"));

        assertThatThrownBy(() -> byDefault.addJobs(List.of(job("b"), job("a"))))
                .isInstanceOf(ConflictingIdException.class).hasMessageContaining("(a)");
        assertThatThrownBy(() -> byDefault.addJobs(List.of(job("b"), job("b"))))
                .isInstanceOf(ConflictingIdException.class).hasMessageContaining("(b) is given twice");
        assertThat(byDefault.allJobs()).extracting(Job::id).containsExactly("a");

        byDefault.addJobs(List.of(job("b"), job("c")));
        assertThat(byDefault.allJobs()).extracting(Job::id).containsExactly("a", "b", "c");
        assertThat(((RecordingJobStore) byDefault).writes).endsWith("addJobs [b, c]", "addJob b", "addJob c");
    }

    private static Job job(String id) {
        return Job.builder().id(id).target(JobTarget.of((args, kwargs) -> null))
                .trigger(Triggers.create("interval", Map.of("seconds", 10), UTC)).nextRunTime(at(10)).build();
    }

    /** A memory store that records its writes: {@code addJobs [ids]}, {@code addJob id}, {@code updateJob id}. */
    private static class RecordingJobStore extends ForwardingJobStore {

        final List<String> writes = new CopyOnWriteArrayList<>();

        @Override
        public void addJobs(List<Job> jobs) {
            writes.add("addJobs " + jobs.stream().map(Job::id).toList());
            memory.addJobs(jobs);
        }

        /** The interface's own {@code addJobs}. */
        final void defaultAddJobs(List<Job> jobs) {
            super.addJobs(jobs);
        }

        @Override
        public void addJob(Job job) {
            writes.add("addJob " + job.id());
            memory.addJob(job);
        }

        @Override
        public void updateJob(Job job) {
            writes.add("updateJob " + job.id());
            memory.updateJob(job);
        }
    }
}
