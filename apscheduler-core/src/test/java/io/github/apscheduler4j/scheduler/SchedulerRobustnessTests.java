package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.time.MutableClock;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the processing loop does when a job, its trigger or a whole pass fails: it goes on, and says so. */
class SchedulerRobustnessTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private ManualScheduler scheduler;

    @BeforeEach
    void createScheduler() {
        scheduler = new ManualScheduler(SchedulerConfig.builder()
                .timezone(UTC)
                .clock(clock)
                .jobstoreRetryInterval(RETRY)
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

    private JobFunction recording(String name) {
        return (args, kwargs) -> ran.add(name);
    }

    private JobSpec.Builder dueNow(String id, Trigger trigger) {
        return JobSpec.builder(recording(id)).id(id).trigger(trigger).nextRunTime(T0.atZone(UTC));
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

    private static Trigger everySecond() {
        return Triggers.create("interval", Map.of("seconds", 1, "start_date", T0.toString(), "timezone", "UTC"), UTC);
    }

    @Test
    void skipsAJobWhoseTriggerThrowsRunsTheOthersAndDoesNotSpin() {
        scheduler.start();
        scheduler.addJob(dueNow("broken", failingAfterFirst(new IllegalStateException("bad trigger"))).build());
        scheduler.addJob(dueNow("fine", everySecond()).build());

        Duration wait = scheduler.processJobs();

        assertThat(ran).containsExactly("fine");
        assertThat(scheduler.getJob("broken").nextRunTime().toInstant()).as("left as it was").isEqualTo(T0);
        assertThat(wait).as("the broken job is still due: the loop looks again after the retry interval, not at once")
                .isEqualTo(RETRY);
        assertThat(scheduler.lastPassFailure()).isNull();
    }

    @Test
    void anErrorFailsThePassButNotTheLoopAndIsReportedUntilAPassSucceeds() {
        scheduler.start();
        scheduler.addJob(dueNow("erroring", throwingError()).build());

        Duration wait = scheduler.processJobs();

        assertThat(wait).isEqualTo(RETRY);
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

        assertThat(ran).hasSize(Job.MAX_DUE_RUNS);
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
}
