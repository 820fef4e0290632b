package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.executor.RunDecorator;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.time.MutableClock;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run decorators of a scheduler: each run wrapped, in order, and told how it ended. */
class RunDecoratorTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private ManualScheduler scheduler;

    @AfterEach
    void shutdownScheduler() {
        if (scheduler != null && scheduler.isRunning()) {
            scheduler.shutdown();
        }
    }

    private void start(RunDecorator... decorators) {
        SchedulerConfig.Builder config = SchedulerConfig.builder().timezone(UTC).clock(clock).instanceId("web-1")
                .executor("default", new DirectJobExecutor());
        for (RunDecorator decorator : decorators) {
            config.runDecorator(decorator);
        }
        scheduler = new ManualScheduler(config.build());
        scheduler.addListener(events::add);
        scheduler.start();
    }

    /** Notes what it sees around each run, under its name. */
    private RunDecorator noting(String name) {
        return (run, invocation) -> () -> {
            seen.add(name + " before " + run.job().id() + " on " + run.executor() + " at "
                    + run.context().scheduledFireTime().toInstant() + " attempt " + run.context().attempt());
            run.whenEnded(error -> seen.add(name + " ended " + (error == null ? "ok" : error.getMessage())));
            invocation.run();
            seen.add(name + " after");
        };
    }

    private void addDueJob(String id, Runnable code) {
        scheduler.addJob(JobSpec.builder(code).id(id).trigger(Triggers.create("date",
                Map.of("run_date", "2026-01-01T00:00:10Z"), UTC)).build());
        clock.advance(java.time.Duration.ofSeconds(10));
        scheduler.processJobs();
    }

    @Test
    void wrapsEachRunFirstDecoratorOutermostAndTellsHowItEnded() {
        start(noting("outer"), noting("inner"));
        addDueJob("report", () -> seen.add("job"));
        assertThat(seen).containsExactly(
                "outer before report on default at 2026-01-01T00:00:10Z attempt 1",
                "inner before report on default at 2026-01-01T00:00:10Z attempt 1",
                "job", "inner after", "outer after", "outer ended ok", "inner ended ok");
        assertThat(events).filteredOn(SchedulerEvent.JobExecuted.class::isInstance).hasSize(1);
    }

    @Test
    void aFailingRunEndsWithItsExceptionAndStillReportsTheError() {
        start(noting("d"));
        addDueJob("failing", () -> {
            throw new IllegalStateException("boom");
        });
        assertThat(seen).contains("d after", "d ended boom");
        assertThat(events).filteredOn(SchedulerEvent.JobError.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((SchedulerEvent.JobError) e).exception()).hasMessage("boom"));
    }

    @Test
    void anAsynchronousRunEndsWhenItsResultCompletes() {
        start(noting("d"));
        CompletableFuture<String> result = new CompletableFuture<>();
        scheduler.addJob(JobSpec.builder((args, kwargs) -> result).id("async").trigger(Triggers.create("date",
                Map.of("run_date", "2026-01-01T00:00:10Z"), UTC)).build());
        clock.advance(java.time.Duration.ofSeconds(10));
        scheduler.processJobs();
        assertThat(seen).contains("d after").noneMatch(line -> line.startsWith("d ended"));
        result.complete("done");
        assertThat(seen).endsWith("d ended ok");
    }

    @Test
    void aDecoratorThatSkipsTheRunMakesItAnError() {
        start((run, invocation) -> () -> { });
        addDueJob("skipped", () -> seen.add("job"));
        assertThat(seen).isEmpty();
        assertThat(events).filteredOn(SchedulerEvent.JobError.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((SchedulerEvent.JobError) e).exception())
                        .hasMessageContaining("did not run the run of job 'skipped'"));
    }
}
