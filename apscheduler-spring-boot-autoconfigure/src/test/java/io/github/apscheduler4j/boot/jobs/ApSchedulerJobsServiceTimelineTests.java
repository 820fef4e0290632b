package io.github.apscheduler4j.boot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.JobFireTimes;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The fire times the dashboard's timeline draws, computed on a real scheduler from each job's trigger. */
class ApSchedulerJobsServiceTimelineTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZonedDateTime TOMORROW = LocalDate.now(UTC).plusDays(1).atStartOfDay(UTC);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class))
            .withPropertyValues("apscheduler.timezone=UTC");

    @Test
    void computesEachFireTimeInTheWindowFromTheTrigger() {
        run(scheduler -> scheduler.addJob(JobSpec.builder(() -> { }).id("nightly").trigger("cron", Map.of("hour", 3)).build()),
                service -> {
                    List<JobFireTimes> timeline = service.timeline(TOMORROW, TOMORROW.plusDays(3), now(), 500);
                    assertThat(timeline).singleElement().satisfies(lane -> {
                        assertThat(lane.id()).isEqualTo("nightly");
                        assertThat(lane.fireTimes()).containsExactly(TOMORROW.plusHours(3),
                                TOMORROW.plusDays(1).plusHours(3), TOMORROW.plusDays(2).plusHours(3));
                        assertThat(lane.truncated()).isFalse();
                    });
                });
    }

    @Test
    void stopsAtTheCapAndSaysSo() {
        run(scheduler -> scheduler.addJob(JobSpec.builder(() -> { }).id("often").trigger("interval", Map.of("seconds", 1)).build()),
                service -> {
                    ZonedDateTime now = now();
                    JobFireTimes lane = service.timeline(now, now.plusHours(1), now, 5).get(0);
                    assertThat(lane.fireTimes()).hasSize(5);
                    assertThat(lane.fireTimes()).isSorted();
                    assertThat(Duration.between(lane.fireTimes().get(0), lane.fireTimes().get(4))).isEqualTo(Duration.ofSeconds(4));
                    assertThat(lane.truncated()).isTrue();
                });
    }

    @Test
    void aWindowFarAheadOfAFrequentJobEndsInBoundedWork() {
        run(scheduler -> scheduler.addJob(JobSpec.builder(() -> { }).id("often").trigger("interval", Map.of("seconds", 1)).build()),
                service -> {
                    ZonedDateTime farAhead = now().plusDays(20);
                    JobFireTimes lane = service.timeline(farAhead, farAhead.plusHours(1), now(), 500).get(0);
                    assertThat(lane.fireTimes()).isEmpty();
                    assertThat(lane.truncated()).isTrue();
                });
    }

    @Test
    void aPausedJobHasNoFireTimes() {
        run(scheduler -> {
            scheduler.addJob(JobSpec.builder(() -> { }).id("nightly").trigger("cron", Map.of("hour", 3)).build());
            scheduler.pauseJob("nightly", null);
        }, service -> {
            JobFireTimes lane = service.timeline(TOMORROW, TOMORROW.plusDays(1), now(), 500).get(0);
            assertThat(lane.paused()).isTrue();
            assertThat(lane.fireTimes()).isEmpty();
        });
    }

    @Test
    void includesTheRunsOfTheHistoryInTheWindow() {
        run(scheduler -> scheduler.addJob(JobSpec.builder(() -> { }).id("nightly").trigger("cron", Map.of("hour", 3)).build()),
                (service, history) -> {
                    // told directly, as the scheduler's listener would be: runs three days ago and two hours ago
                    ZonedDateTime now = now();
                    history.onEvent(new SchedulerEvent.JobExecuted("nightly", "default", now.minusHours(2),
                            now.minusHours(2), Duration.ofMillis(5), null));
                    history.onEvent(new SchedulerEvent.JobExecuted("nightly", "default", now.minusDays(3),
                            now.minusDays(3), Duration.ofMillis(5), null));
                    JobFireTimes lane = service.timeline(now.minusHours(3), now.plusHours(1), now, 500).get(0);
                    assertThat(lane.runs()).singleElement()
                            .satisfies(run -> assertThat(run.started()).isEqualTo(now.minusHours(2)));
                });
    }

    @Test
    void refusesAnEmptyWindow() {
        run(scheduler -> { }, service -> assertThatIllegalArgumentException()
                .isThrownBy(() -> service.timeline(TOMORROW, TOMORROW, now(), 500))
                .withMessageContaining("'from' must be before 'to'"));
    }

    private void run(Consumer<Scheduler> jobs, Consumer<ApSchedulerJobsService> assertions) {
        run(jobs, (service, history) -> assertions.accept(service));
    }

    private void run(Consumer<Scheduler> jobs, BiConsumer<ApSchedulerJobsService, JobRunHistory> assertions) {
        contextRunner.run((AssertableApplicationContext context) -> {
            assertThat(context).hasNotFailed();
            jobs.accept(context.getBean(Scheduler.class));
            assertions.accept(context.getBean(ApSchedulerJobsService.class), context.getBean(JobRunHistory.class));
        });
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(UTC);
    }
}
