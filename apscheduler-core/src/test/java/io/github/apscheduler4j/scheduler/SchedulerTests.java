package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobChanges;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.MemoryJobStore;
import io.github.apscheduler4j.time.MutableClock;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processing loop and the API, driven pass by pass on a mutable clock. */
class SchedulerTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private final List<List<Object>> calls = new CopyOnWriteArrayList<>();
    private ManualScheduler scheduler;

    @BeforeEach
    void createScheduler() {
        scheduler = new ManualScheduler(SchedulerConfig.builder()
                .timezone(UTC)
                .clock(clock)
                .executor("default", new DirectJobExecutor())
                .build());
        scheduler.addListener(events::add);
    }

    @AfterEach
    void shutdownScheduler() {
        if (scheduler.isRunning()) {
            scheduler.shutdown();
        }
    }

    private JobFunction recording() {
        return (args, kwargs) -> {
            calls.add(List.of(args, kwargs));
            return "done";
        };
    }

    private static Trigger everyTenSeconds() {
        return Triggers.create("interval", Map.of("seconds", 10, "start_date", "2026-01-01T00:00:10Z", "timezone", "UTC"), UTC);
    }

    private JobSpec.Builder everyTenSecondsJob(String id) {
        return JobSpec.builder(recording()).id(id).trigger(everyTenSeconds());
    }

    private void advance(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    private <T extends SchedulerEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static ZonedDateTime at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).atZone(UTC);
    }

    @Test
    void runsDueJobAndMovesItToItsNextRunTime() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("tick").build());

        assertThat(scheduler.processJobs()).isEqualTo(Duration.ofSeconds(10));
        assertThat(calls).isEmpty();

        advance(10);
        assertThat(scheduler.processJobs()).isEqualTo(Duration.ofSeconds(10));

        assertThat(calls).hasSize(1);
        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).singleElement()
                .satisfies(e -> {
                    assertThat(e.scheduledRunTime()).isEqualTo(at(10));
                    assertThat(e.returnValue()).isEqualTo("done");
                });
        assertThat(eventsOf(SchedulerEvent.JobSubmitted.class)).singleElement()
                .satisfies(e -> assertThat(e.scheduledRunTimes()).containsExactly(at(10)));
        assertThat(scheduler.getJob("tick").nextRunTime()).isEqualTo(at(20));
    }

    @Test
    void coalescesMissedRunsIntoOne() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("tick").coalesce(true).misfireGraceTime(null).build());

        advance(45);
        scheduler.processJobs();

        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).extracting(SchedulerEvent.JobExecuted::scheduledRunTime)
                .containsExactly(at(40));
        assertThat(scheduler.getJob("tick").nextRunTime()).isEqualTo(at(50));
    }

    @Test
    void runsEveryMissedRunWithoutCoalesce() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("tick").coalesce(false).misfireGraceTime(null).build());

        advance(45);
        scheduler.processJobs();

        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).extracting(SchedulerEvent.JobExecuted::scheduledRunTime)
                .containsExactly(at(10), at(20), at(30), at(40));
        assertThat(scheduler.getJob("tick").nextRunTime()).isEqualTo(at(50));
    }

    @Test
    void skipsRunsLaterThanTheMisfireGraceTime() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("tick").misfireGraceTime(Duration.ofSeconds(2)).build());

        advance(13);
        scheduler.processJobs();

        assertThat(calls).isEmpty();
        assertThat(eventsOf(SchedulerEvent.JobMissed.class)).singleElement().satisfies(e -> {
            assertThat(e.scheduledRunTime()).isEqualTo(at(10));
            assertThat(e.lateness()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(scheduler.getJob("tick").nextRunTime()).isEqualTo(at(20));

        advance(8);
        scheduler.processJobs();
        assertThat(calls).hasSize(1);
    }

    @Test
    void usesTheJobDefaultsForJobsThatSetNone() {
        ManualScheduler configured = new ManualScheduler(SchedulerConfig.builder().timezone(UTC).clock(clock)
                .jobDefaults(new io.github.apscheduler4j.job.JobDefaults(false, 3, Duration.ofSeconds(30))).build());
        configured.start();
        try {
            Job job = configured.addJob(everyTenSecondsJob("tick").build()).job();
            assertThat(job.coalesce()).isFalse();
            assertThat(job.maxInstances()).isEqualTo(3);
            assertThat(job.misfireGraceTime()).isEqualTo(Duration.ofSeconds(30));
        } finally {
            configured.shutdown();
        }
    }

    @Test
    void reportsAJobThatRaisesAndKeepsItScheduled() {
        scheduler.start();
        IllegalStateException failure = new IllegalStateException("boom");
        scheduler.addJob(JobSpec.builder((JobFunction) (args, kwargs) -> {
            throw failure;
        }).id("failing").trigger(everyTenSeconds()).build());

        advance(10);
        scheduler.processJobs();

        assertThat(eventsOf(SchedulerEvent.JobError.class)).singleElement().satisfies(e -> {
            assertThat(e.exception()).isSameAs(failure);
            assertThat(e.scheduledRunTime()).isEqualTo(at(10));
        });
        assertThat(scheduler.getJob("failing").nextRunTime()).isEqualTo(at(20));
    }

    @Test
    void removesAJobWhoseTriggerEnds() {
        scheduler.start();
        scheduler.addJob(JobSpec.builder(recording()).id("once")
                .trigger("date", Map.of("run_date", "2026-01-01T00:00:05Z")).build());

        advance(5);
        scheduler.processJobs();

        assertThat(calls).hasSize(1);
        assertThat(scheduler.getJob("once")).isNull();
        assertThat(eventsOf(SchedulerEvent.JobRemoved.class)).singleElement()
                .satisfies(e -> assertThat(e.jobId()).isEqualTo("once"));
        assertThat(scheduler.processJobs()).isNull();
    }

    @Test
    void runsAJobWithoutTriggerOnceNow() {
        scheduler.start();
        scheduler.addJob(JobSpec.builder(recording()).id("now").args(1, "two").kwargs(Map.of("three", 3)).build());

        scheduler.processJobs();

        assertThat(calls).containsExactly(List.of(List.of(1, "two"), Map.of("three", 3)));
        assertThat(scheduler.getJob("now")).isNull();
    }

    @Test
    void pausedJobKeepsItsPlaceButNeverRuns() {
        scheduler.start();
        JobHandle handle = scheduler.addJob(everyTenSecondsJob("tick").build());

        handle.pause();
        advance(30);
        scheduler.processJobs();

        assertThat(calls).isEmpty();
        assertThat(handle.job().isPaused()).isTrue();
        assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("tick");

        handle.resume();
        assertThat(handle.job().nextRunTime()).isEqualTo(at(30));
        scheduler.processJobs();
        assertThat(calls).hasSize(1);
        assertThat(eventsOf(SchedulerEvent.JobModified.class)).hasSize(2);
    }

    @Test
    void resumingAJobWhoseTriggerHasEndedRemovesIt() {
        scheduler.start();
        scheduler.addJob(JobSpec.builder(recording()).id("once")
                .trigger("date", Map.of("run_date", "2026-01-01T00:00:05Z")).paused().build());

        assertThat(scheduler.resumeJob("once", null)).isNotNull();
        assertThat(scheduler.getJob("once").nextRunTime()).isEqualTo(at(5));
    }

    @Test
    void pausedSchedulerRunsNothingUntilResumed() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("tick").misfireGraceTime(null).build());

        scheduler.pause();
        advance(10);
        assertThat(scheduler.processJobs()).isNull();
        assertThat(calls).isEmpty();
        assertThat(scheduler.state()).isEqualTo(SchedulerState.PAUSED);

        scheduler.resume();
        scheduler.processJobs();
        assertThat(calls).hasSize(1);
        assertThat(events).extracting(SchedulerEvent::type)
                .contains(EventType.SCHEDULER_PAUSED, EventType.SCHEDULER_RESUMED);
    }

    @Test
    void startingPausedProcessesNothingUntilResumed() {
        scheduler.addJob(JobSpec.builder(recording()).id("now").build());
        scheduler.start(true);

        assertThat(scheduler.processJobs()).isNull();
        assertThat(calls).isEmpty();

        scheduler.resume();
        scheduler.processJobs();
        assertThat(calls).hasSize(1);
    }

    @Test
    void jobsAddedBeforeStartArePendingUntilStart() {
        JobHandle handle = scheduler.addJob(everyTenSecondsJob("tick").build());

        assertThat(handle.jobstore()).isNull();
        assertThat(scheduler.getJobs()).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo("tick");
            assertThat(job.nextRunTime()).isNull();
        });
        assertThat(events).isEmpty();

        scheduler.start();

        assertThat(scheduler.getJob("tick", "default").nextRunTime()).isEqualTo(at(10));
        assertThat(events).extracting(SchedulerEvent::type)
                .containsExactly(EventType.JOB_ADDED, EventType.SCHEDULER_STARTED);
    }

    @Test
    void aPendingJobPausedBeforeStartStaysPaused() {
        scheduler.addJob(everyTenSecondsJob("tick").build());
        scheduler.pauseJob("tick", null);

        scheduler.start();

        assertThat(scheduler.getJob("tick").isPaused()).isTrue();
    }

    @Test
    void refusesADuplicateIdUnlessReplacingExisting() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("tick").name("first").build());

        assertThatThrownBy(() -> scheduler.addJob(everyTenSecondsJob("tick").build()))
                .isInstanceOf(ConflictingIdException.class)
                .hasMessageContaining("tick");

        scheduler.addJob(everyTenSecondsJob("tick").name("second").replaceExisting(true).build());
        assertThat(scheduler.getJob("tick").name()).isEqualTo("second");
        assertThat(scheduler.getJobs()).hasSize(1);
    }

    @Test
    void refusesAJobNamingAnUnknownExecutorOrStore() {
        scheduler.start();

        assertThatThrownBy(() -> scheduler.addJob(everyTenSecondsJob("a").executor("nope").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No such executor: 'nope'")
                .hasMessageContaining("job 'a'");
        assertThatThrownBy(() -> scheduler.addJob(everyTenSecondsJob("b").jobstore("nope").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No such job store: 'nope'");
    }

    @Test
    void modifiesAJob() {
        scheduler.start();
        JobHandle handle = scheduler.addJob(everyTenSecondsJob("tick").build());

        handle.modify(JobChanges.create().name("renamed").args(List.of(7)).maxInstances(4));

        Job job = handle.job();
        assertThat(job.name()).isEqualTo("renamed");
        assertThat(job.args()).containsExactly(7);
        assertThat(job.maxInstances()).isEqualTo(4);
        assertThat(job.nextRunTime()).isEqualTo(at(10));
        assertThat(eventsOf(SchedulerEvent.JobModified.class)).singleElement()
                .satisfies(e -> assertThat(e.jobstore()).isEqualTo("default"));
    }

    @Test
    void reschedulesAJobFromNow() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("tick").build());
        advance(3);

        scheduler.rescheduleJob("tick", null, "cron", Map.of("minute", 5));

        Job job = scheduler.getJob("tick");
        assertThat(job.trigger().toString()).isEqualTo("cron[minute='5']");
        assertThat(job.nextRunTime()).isEqualTo(ZonedDateTime.parse("2026-01-01T00:05:00Z[UTC]"));
    }

    @Test
    void removesJobs() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("a").build());
        scheduler.addJob(everyTenSecondsJob("b").build());
        scheduler.addJob(everyTenSecondsJob("c").build());

        scheduler.removeJob("a");
        assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("b", "c");
        assertThatThrownBy(() -> scheduler.removeJob("a"))
                .isInstanceOf(JobLookupException.class)
                .hasMessage("No job by the id of a was found");

        scheduler.removeAllJobs(null);
        assertThat(scheduler.getJobs()).isEmpty();
        assertThat(events).extracting(SchedulerEvent::type)
                .contains(EventType.JOB_REMOVED, EventType.ALL_JOBS_REMOVED);
    }

    @Test
    void runsAJobNowWithoutChangingItsSchedule() {
        scheduler.start();
        scheduler.addJob(everyTenSecondsJob("tick").build());

        assertThat(scheduler.runJob("tick", null)).isTrue();

        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).singleElement()
                .satisfies(e -> assertThat(e.scheduledRunTime()).isNull());
        assertThat(scheduler.getJob("tick").nextRunTime()).isEqualTo(at(10));
    }

    @Test
    void printsJobsAsApschedulerDoes() {
        scheduler.addJob(everyTenSecondsJob("tick").name("ticker").build());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        scheduler.printJobs(null, new PrintStream(pending, true, StandardCharsets.UTF_8));
        assertThat(pending.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Pending jobs:
                    ticker (trigger: interval[0:00:10], paused)
                """.replace("\n", System.lineSeparator()));

        scheduler.start();
        scheduler.addJobStore("other", new MemoryJobStore());
        ByteArrayOutputStream running = new ByteArrayOutputStream();
        scheduler.printJobs(null, new PrintStream(running, true, StandardCharsets.UTF_8));
        assertThat(running.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Jobstore default:
                    ticker (trigger: interval[0:00:10], next run at: 2026-01-01 00:00:10 UTC)
                Jobstore other:
                    No scheduled jobs
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void addsAndRemovesStoresAndExecutors() {
        scheduler.start();
        scheduler.addJobStore("other", new MemoryJobStore());
        scheduler.addExecutor("direct", new DirectJobExecutor());
        scheduler.addJob(everyTenSecondsJob("tick").jobstore("other").executor("direct").build());

        assertThat(scheduler.getJobs("other")).extracting(Job::id).containsExactly("tick");
        assertThat(scheduler.getJobs("default")).isEmpty();
        assertThatThrownBy(() -> scheduler.addJobStore("other", new MemoryJobStore()))
                .hasMessageContaining("already has a job store by the alias of \"other\"");

        scheduler.removeJobStore("other", true);
        scheduler.removeExecutor("direct", true);

        assertThat(scheduler.jobStores()).containsOnlyKeys("default");
        assertThat(scheduler.executors()).containsOnlyKeys("default");
        assertThat(events).extracting(SchedulerEvent::type).contains(EventType.JOBSTORE_ADDED,
                EventType.EXECUTOR_ADDED, EventType.JOBSTORE_REMOVED, EventType.EXECUTOR_REMOVED);
    }

    @Test
    void skipsAJobWhoseExecutorIsMissingHereLeavesItAsStoredAndRunsItOnceTheExecutorComes() {
        scheduler.start();
        scheduler.addExecutor("direct", new DirectJobExecutor());
        scheduler.addJob(everyTenSecondsJob("tick").executor("direct").build());
        scheduler.addJob(JobSpec.builder(recording()).id("other").trigger(Triggers.create("interval",
                Map.of("seconds", 3, "start_date", "2026-01-01T00:00:10Z", "timezone", "UTC"), UTC)).build());
        scheduler.removeExecutor("direct", true);
        Job stored = scheduler.getJob("tick");

        advance(10);
        Duration wait = scheduler.processJobs();

        assertThat(calls).as("only the other job ran").hasSize(1);
        assertThat(scheduler.getJob("tick")).as("left exactly as stored").isEqualTo(stored);
        assertThat(scheduler.jobsNotRunnableHere()).containsOnlyKeys("tick");
        assertThat(scheduler.jobsNotRunnableHere().get("tick")).contains("executor 'direct' is not configured here");
        assertThat(wait).as("woken for the other job's next fire, not held up by the skipped one")
                .isEqualTo(Duration.ofSeconds(3));

        scheduler.addExecutor("direct", new DirectJobExecutor());
        scheduler.processJobs();
        assertThat(calls).hasSize(2);
        assertThat(scheduler.jobsNotRunnableHere()).isEmpty();
    }

    @Test
    void listenersReceiveOnlyTheEventsOfTheirMask() {
        List<SchedulerEvent> executions = new ArrayList<>();
        scheduler.addListener(executions::add, EventMask.of(EventType.JOB_EXECUTED));
        scheduler.start();
        scheduler.addJob(JobSpec.builder(recording()).build());
        scheduler.processJobs();

        assertThat(executions).singleElement().isInstanceOf(SchedulerEvent.JobExecuted.class);
        assertThat(events.size()).isGreaterThan(1);

        scheduler.removeListener(executions::add);
        scheduler.addJob(JobSpec.builder(recording()).build());
        scheduler.processJobs();
        assertThat(executions).hasSize(2);
    }

    @Test
    void reportsEveryLifecycleEvent() {
        scheduler.start();
        scheduler.pause();
        scheduler.resume();
        scheduler.shutdown();

        assertThat(events).extracting(SchedulerEvent::type).containsExactly(EventType.SCHEDULER_STARTED,
                EventType.SCHEDULER_PAUSED, EventType.SCHEDULER_RESUMED, EventType.SCHEDULER_SHUTDOWN);
        assertThatThrownBy(() -> scheduler.shutdown()).hasMessage("Scheduler is not running");
    }

    @Test
    void refusesToStartTwice() {
        scheduler.start();
        assertThatThrownBy(() -> scheduler.start()).hasMessage("Scheduler is already running");
    }

    @Test
    void retriesAFailingStoreAfterTheRetryInterval() {
        FlakyJobStore flaky = new FlakyJobStore();
        ManualScheduler withFlakyStore = new ManualScheduler(SchedulerConfig.builder().timezone(UTC).clock(clock)
                .executor("default", new DirectJobExecutor()).jobstore("default", flaky)
                .jobstoreRetryInterval(Duration.ofSeconds(7)).build());
        withFlakyStore.start();
        try {
            withFlakyStore.addJob(JobSpec.builder(recording()).id("now").build());
            flaky.failing = true;

            assertThat(withFlakyStore.processJobs()).isEqualTo(Duration.ofSeconds(7));
            assertThat(calls).isEmpty();

            flaky.failing = false;
            withFlakyStore.processJobs();
            assertThat(calls).hasSize(1);
        } finally {
            withFlakyStore.shutdown();
        }
    }

    @Test
    void looksAtASharedStoreAtLeastEveryPollInterval() {
        FlakyJobStore sharedStore = new FlakyJobStore();
        sharedStore.shared = true;
        ManualScheduler polling = new ManualScheduler(SchedulerConfig.builder().timezone(UTC).clock(clock)
                .executor("default", new DirectJobExecutor()).jobstore("default", sharedStore)
                .storePollInterval(Duration.ofMillis(250)).instanceId("node-1").build());
        polling.start();
        try {
            assertThat(polling.processJobs()).isEqualTo(Duration.ofMillis(250));
            polling.addJob(everyTenSecondsJob("tick").build());
            assertThat(polling.processJobs()).isEqualTo(Duration.ofMillis(250));
            assertThat(polling.config().instanceId()).isEqualTo("node-1");
        } finally {
            polling.shutdown();
        }
        assertThat(scheduler.config().instanceId()).endsWith(":" + ProcessHandle.current().pid());
    }

    // ---------------------------------------------------------------- when a job, its trigger or a pass fails

    private JobSpec.Builder dueNow(String id, Trigger trigger) {
        return JobSpec.builder(recording()).id(id).trigger(trigger).nextRunTime(T0.atZone(UTC));
    }

    private static Trigger everySecond() {
        return Triggers.create("interval", Map.of("seconds", 1, "start_date", T0.toString(), "timezone", "UTC"), UTC);
    }

    /** A trigger whose every next fire time after the first throws {@code failure}. */
    private static Trigger failingAfterFirst(RuntimeException failure) {
        return new Trigger() {
            @Override
            public ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
                if (previousFireTime == null) {
                    return now;
                }
                throw failure;
            }

            @Override
            public String type() {
                return "failing";
            }

            @Override
            public Map<String, Object> arguments() {
                return Map.of();
            }
        };
    }

    private static Trigger throwingError() {
        return new Trigger() {
            @Override
            public ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
                if (previousFireTime == null) {
                    return now;
                }
                throw new LinkageError("a class of the trigger is gone");
            }

            @Override
            public String type() {
                return "erroring";
            }

            @Override
            public Map<String, Object> arguments() {
                return Map.of();
            }
        };
    }

    @Test
    void skipsAJobWhoseTriggerThrowsRunsTheOthersAndDoesNotSpin() {
        scheduler.start();
        scheduler.addJob(dueNow("broken", failingAfterFirst(new IllegalStateException("bad trigger"))).build());
        scheduler.addJob(dueNow("fine", everySecond()).args("fine").build());

        Duration wait = scheduler.processJobs();

        assertThat(calls).containsExactly(List.of(List.of("fine"), Map.of()));
        assertThat(scheduler.getJob("broken").nextRunTime().toInstant()).as("left as it was").isEqualTo(T0);
        assertThat(wait).as("the broken job is still due: the loop wakes for the other's next fire, not at once")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(scheduler.lastPassFailure()).isNull();
    }

    @Test
    void anErrorFailsThePassButNotTheLoopAndIsReportedUntilAPassSucceeds() {
        scheduler.start();
        scheduler.addJob(dueNow("erroring", throwingError()).build());

        Duration wait = scheduler.processJobs();

        assertThat(wait).isEqualTo(scheduler.config().jobstoreRetryInterval());
        assertThat(scheduler.lastPassFailure()).isNotNull();
        assertThat(scheduler.lastPassFailure().error()).isInstanceOf(LinkageError.class);
        assertThat(scheduler.lastPassFailure().at()).isEqualTo(T0);

        scheduler.removeJob("erroring");
        scheduler.processJobs();
        assertThat(scheduler.lastPassFailure()).as("cleared by a pass that succeeded").isNull();
    }

    @Test
    void boundsTheRunsOfALongOutageWithoutCoalesceAndReportsTheRestAsMissed() {
        scheduler.start();
        scheduler.addJob(dueNow("tick", everySecond()).coalesce(false).misfireGraceTime(null).build());
        long outage = 2 * 86_400;
        clock.advance(Duration.ofSeconds(outage));

        scheduler.processJobs();

        assertThat(calls).hasSize(Job.MAX_DUE_RUNS);
        SchedulerEvent.JobRunsMissed missed = events.stream().filter(SchedulerEvent.JobRunsMissed.class::isInstance)
                .map(SchedulerEvent.JobRunsMissed.class::cast).findFirst().orElseThrow();
        assertThat(missed.count()).isEqualTo(outage + 1 - Job.MAX_DUE_RUNS);
        assertThat(missed.firstScheduledRunTime().toInstant()).isEqualTo(T0);
        assertThat(missed.lastScheduledRunTime().toInstant())
                .isEqualTo(T0.plusSeconds(outage - Job.MAX_DUE_RUNS));
        assertThat(scheduler.getJob("tick").nextRunTime().toInstant()).isEqualTo(T0.plusSeconds(outage + 1));
    }

    @Test
    void refusesAJobAddedAfterShutdownInsteadOfKeepingItPending() {
        scheduler.start();
        scheduler.shutdown();

        assertThatThrownBy(() -> scheduler.addJob(dueNow("late", everySecond()).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down")
                .hasMessageContaining("'late'");
        assertThat(scheduler.getJobs()).isEmpty();
    }

    /** A memory store that throws while {@code failing}, as a database that is down. */
    static final class FlakyJobStore extends ForwardingJobStore {
        volatile boolean failing;
        volatile boolean shared;

        @Override
        public boolean isShared() {
            return shared;
        }

        @Override
        public List<Job> dueJobs(Instant now) {
            if (failing) {
                throw new IllegalStateException("database is down");
            }
            return memory.dueJobs(now);
        }
    }
}
