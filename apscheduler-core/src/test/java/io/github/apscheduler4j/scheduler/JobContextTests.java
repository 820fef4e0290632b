package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.time.MutableClock;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a job's code is told of the run it is part of, driven pass by pass on a mutable clock. */
class JobContextTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** What the static target saw, per run; static, as the target is resolved by name. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static final List<JobContext> CONTEXTS = new CopyOnWriteArrayList<>();

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private ManualScheduler scheduler;

    /** A static target: positional and keyword arguments, with the run's context among the parameters. */
    public static String report(String region, JobContext context, int copies) {
        SEEN.add(region + " x" + copies);
        CONTEXTS.add(context);
        return context.fireId();
    }

    @BeforeEach
    void createScheduler() {
        SEEN.clear();
        CONTEXTS.clear();
        scheduler = new ManualScheduler(SchedulerConfig.builder()
                .timezone(UTC)
                .clock(clock)
                .instanceId("web-1")
                .executor("default", new DirectJobExecutor())
                .build());
        scheduler.addListener(events::add);
        scheduler.start();
    }

    @AfterEach
    void shutdownScheduler() {
        if (scheduler.isRunning()) {
            scheduler.shutdown();
        }
    }

    private static ZonedDateTime at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).atZone(UTC);
    }

    private static JobSpec.Builder everyTenSeconds(JobSpec.Builder builder, String id) {
        return builder.id(id).trigger(Triggers.create("interval",
                Map.of("seconds", 10, "start_date", "2026-01-01T00:00:10Z", "timezone", "UTC"), UTC));
    }

    private <T extends SchedulerEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aStaticMethodGetsArgsAndTheContextOfEachScheduledFire() {
        scheduler.addJob(everyTenSeconds(JobSpec.builder(ClassTargetResolver.reference(JobContextTests.class, "report")),
                "report").args("emea").kwargs(Map.of("copies", 2)).misfireGraceTime(Duration.ofSeconds(5)).build());

        clock.advance(Duration.ofSeconds(12));
        scheduler.processJobs();
        clock.advance(Duration.ofSeconds(10));
        scheduler.processJobs();

        assertThat(SEEN).containsExactly("emea x2", "emea x2");
        assertThat(CONTEXTS).containsExactly(
                new JobContext("report", "default", at(10), at(12), 1, "web-1"),
                new JobContext("report", "default", at(20), at(22), 1, "web-1"));
        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).extracting(SchedulerEvent.JobExecuted::returnValue)
                .containsExactly("report@2026-01-01T00:00:10Z", "report@2026-01-01T00:00:20Z");
        // the executor put back what the thread had: nothing
        assertThat(JobContext.find()).isEmpty();
    }

    @Test
    void missedRunsThatAreNotCoalescedEachHaveTheirOwnFire() {
        scheduler.addJob(everyTenSeconds(JobSpec.builder(ClassTargetResolver.reference(JobContextTests.class, "report")),
                "report").args("apac", 1).coalesce(false).misfireGraceTime(null).build());

        clock.advance(Duration.ofSeconds(35));
        scheduler.processJobs();

        assertThat(CONTEXTS).extracting(JobContext::fireId).containsExactly("report@2026-01-01T00:00:10Z",
                "report@2026-01-01T00:00:20Z", "report@2026-01-01T00:00:30Z");
        assertThat(CONTEXTS).extracting(JobContext::started).containsOnly(at(35));
    }

    @Test
    void codeInARunnableOrAJobFunctionReadsTheContextOfItsRun() {
        List<JobContext> seen = new CopyOnWriteArrayList<>();
        scheduler.addJob(everyTenSeconds(JobSpec.builder(() -> seen.add(JobContext.current())), "runnable").build());
        scheduler.addJob(everyTenSeconds(JobSpec.builder((JobFunction) (args, kwargs) -> {
            seen.add(JobContext.current());
            return JobContext.current().fireId();
        }), "function").build());

        clock.advance(Duration.ofSeconds(10));
        scheduler.processJobs();

        assertThat(seen).containsExactlyInAnyOrder(
                JobContext.firstAttempt("runnable", "default", at(10), at(10), "web-1"),
                JobContext.firstAttempt("function", "default", at(10), at(10), "web-1"));
        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).filteredOn(e -> e.jobId().equals("function"))
                .singleElement().extracting(SchedulerEvent.JobExecuted::returnValue)
                .isEqualTo("function@2026-01-01T00:00:10Z");
        assertThat(JobContext.find()).isEmpty();
    }

    @Test
    void aRunNowHasNoScheduledFireTimeAndItsFireIdIsItsStart() {
        scheduler.addJob(everyTenSeconds(JobSpec.builder(ClassTargetResolver.reference(JobContextTests.class, "report")),
                "report").args("amer", 1).build());
        clock.advance(Duration.ofSeconds(3));

        assertThat(scheduler.runJob("report", null)).isTrue();

        assertThat(CONTEXTS).singleElement().satisfies(context -> {
            assertThat(context.scheduledFireTime()).isNull();
            assertThat(context.isScheduled()).isFalse();
            assertThat(context.started()).isEqualTo(at(3));
            assertThat(context.fireId()).isEqualTo("report@2026-01-01T00:00:03Z");
        });
    }

    @Test
    void aJobWithAnAsynchronousResultHasItsContextWhileItsMethodRuns() {
        CompletableFuture<String> later = new CompletableFuture<>();
        scheduler.addJob(everyTenSeconds(JobSpec.builder((JobFunction) (args, kwargs) -> {
            JobContext context = JobContext.current();
            // code that goes on elsewhere has no current context: it takes the one it was handed
            return later.thenApply(value -> value + " " + context.fireId() + " " + JobContext.find().isPresent());
        }), "async").build());

        clock.advance(Duration.ofSeconds(10));
        scheduler.processJobs();
        later.complete("done");

        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).singleElement()
                .extracting(SchedulerEvent.JobExecuted::returnValue)
                .isEqualTo("done async@2026-01-01T00:00:10Z false");
    }
}
