package io.github.apscheduler4j.boot.actuate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.boot.RunTroubleConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerMetricsAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerObservationAutoConfiguration;
import io.github.apscheduler4j.boot.jobs.JobRun;
import io.github.apscheduler4j.boot.jobs.JobRunHistory;
import io.github.apscheduler4j.boot.jobs.JobRunOutcome;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ApSchedulerMetricsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApSchedulerMetricsAutoConfiguration.class, ApSchedulerObservationAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("apscheduler.timezone=UTC");

    @Test
    void timesExecutionsByJobAndOutcome() {
        contextRunner.run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            scheduler.addJob(JobSpec.builder(() -> { }).id("ok").trigger("interval", Map.of("hours", 1)).build());
            scheduler.addJob(JobSpec.builder(() -> {
                throw new IllegalStateException("boom");
            }).id("failing").trigger("interval", Map.of("hours", 1)).build());
            scheduler.runJob("ok", null);
            scheduler.runJob("failing", null);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(executions(registry, "ok", "success")).isNotNull()
                        .extracting(Timer::count).isEqualTo(1L);
                assertThat(executions(registry, "failing", "error")).isNotNull()
                        .extracting(Timer::count).isEqualTo(1L);
            });
        });
    }

    @Test
    void countsMisfiresAndTimesLateness() {
        contextRunner.run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            ZonedDateTime now = ZonedDateTime.now(scheduler.timezone());
            // due an hour ago with a second of grace: missed
            scheduler.addJob(JobSpec.builder(() -> { }).id("late").trigger("interval", Map.of("hours", 2))
                    .nextRunTime(now.minusHours(1)).build());
            // due now with no limit on lateness: runs, a little late
            scheduler.addJob(JobSpec.builder(() -> { }).id("punctual").trigger("interval", Map.of("hours", 2))
                    .nextRunTime(now.minusSeconds(2)).misfireGraceTime(null).build());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(registry.find("apscheduler.job.misfires").tag("job", "late").counter()).isNotNull()
                        .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
                Timer lateness = registry.find("apscheduler.job.lateness").tag("job", "punctual").timer();
                assertThat(lateness).isNotNull();
                assertThat(lateness.count()).isEqualTo(1L);
                assertThat(lateness.totalTime(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2.0);
            });
        });
    }

    @Test
    void countsRetriesAndAbandonedRunsAsTheHistoryRecordsThem() {
        contextRunner.withUserConfiguration(RunTroubleConfiguration.class).run(context -> {
            RunTroubleConfiguration.awaitTheTrouble(context);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            JobRunHistory history = context.getBean(JobRunHistory.class);
            assertThat(counter(registry, "apscheduler.job.retries", "flaky")).isEqualTo(1.0);
            assertThat(counter(registry, "apscheduler.job.abandoned", "nightly")).isEqualTo(1.0);
            // the retry ran, as attempt 2, and succeeded
            assertThat(executions(registry, "flaky", "error").count()).isOne();
            assertThat(executions(registry, "flaky", "success").count()).isOne();
            List<JobRun> flaky = history.runs("flaky");
            assertThat(flaky.get(1).note()).startsWith("attempt 2 follows from ");
            assertThat(flaky.get(0).scheduledRunTime()).isEqualTo(flaky.get(1).scheduledRunTime());
            assertThat(history.lastRun("nightly")).satisfies(run -> {
                assertThat(run.outcome()).isEqualTo(JobRunOutcome.ABANDONED);
                assertThat(run.scheduledRunTime().toInstant())
                        .isEqualTo(RunTroubleConfiguration.ABANDONED_FIRE.toInstant());
                assertThat(run.note()).contains("'" + RunTroubleConfiguration.DEAD_INSTANCE + "'");
            });
        });
    }

    @Test
    void gaugesJobsByStoreAndState() {
        contextRunner.withPropertyValues("apscheduler.jobstores.archive.type=memory").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            scheduler.addJob(JobSpec.builder(() -> { }).id("a").trigger("interval", Map.of("hours", 1)).build());
            scheduler.addJob(JobSpec.builder(() -> { }).id("b").trigger("interval", Map.of("hours", 1)).build());
            scheduler.addJob(JobSpec.builder(() -> { }).id("c").jobstore("archive").trigger("interval",
                    Map.of("hours", 1)).build());
            scheduler.pauseJob("b", null);
            assertThat(jobs(registry, "default", "scheduled")).isEqualTo(1.0);
            assertThat(jobs(registry, "default", "paused")).isEqualTo(1.0);
            assertThat(jobs(registry, "archive", "scheduled")).isEqualTo(1.0);
            assertThat(jobs(registry, "archive", "paused")).isEqualTo(0.0);
        });
    }

    @Test
    void tenThousandOneShotJobsWithGeneratedIdsLeaveTheRegistryBounded() {
        contextRunner.withUserConfiguration(MeteredObservations.class).run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            AtomicInteger ended = countEnded(scheduler);
            String now = ZonedDateTime.now(scheduler.timezone()).toString();
            scheduler.addJobs(IntStream.range(0, 10_000).mapToObj(i -> JobSpec.builder(() -> { })
                    .trigger("date", Map.of("run_date", now)).misfireGraceTime(null).build()).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> ended.get() == 10_000);
            assertThat(jobTags(registry)).containsExactly(JobTags.GENERATED);
            assertThat(executions(registry, JobTags.GENERATED, "success").count()).isEqualTo(10_000);
            // the run observation's timer folds them alike
            assertThat(registry.get("apscheduler.job.execution").tag("job", JobTags.GENERATED).timer().count())
                    .isEqualTo(10_000);
            assertThat(registry.getMeters()).hasSizeLessThan(30);
        });
    }

    @Test
    void jobsWithIdsOfTheirOwnAreTaggedUpToTheBoundAndTheirMetersGoWithThem() {
        contextRunner.withUserConfiguration(MeteredObservations.class)
                .withPropertyValues("apscheduler.metrics.max-job-tags=50").run(context -> {
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    AtomicInteger ended = countEnded(scheduler);
                    AtomicInteger removed = new AtomicInteger();
                    scheduler.addListener(event -> {
                        if (event instanceof SchedulerEvent.JobRemoved) {
                            removed.incrementAndGet();
                        }
                    });
                    // a job that stays: tagged with its id while it exists
                    scheduler.addJob(JobSpec.builder(() -> { }).id("nightly").trigger("interval", Map.of("hours", 1))
                            .build());
                    scheduler.runJob("nightly", null);
                    String now = ZonedDateTime.now(scheduler.timezone()).toString();
                    scheduler.addJobs(IntStream.range(0, 10_000).mapToObj(i -> JobSpec.builder(() -> { })
                            .id("reminder-" + i).trigger("date", Map.of("run_date", now)).misfireGraceTime(null)
                            .build()).toList());
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> ended.get() == 10_001 && removed.get() == 10_000);
                    assertThat(jobTags(registry)).contains("nightly").hasSizeLessThanOrEqualTo(50 + 1)
                            .noneMatch(tag -> tag.startsWith("reminder-"));
                    assertThat(registry.getMeters()).hasSizeLessThan(30);

                    scheduler.removeJob("nightly", null);
                    assertThat(jobTags(registry)).doesNotContain("nightly");
                });
    }

    @Test
    void aRemovedJobsMetersAreRemoved() {
        contextRunner.run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            scheduler.addJob(JobSpec.builder(() -> { }).id("gone").trigger("interval", Map.of("hours", 1)).build());
            scheduler.runJob("gone", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> executions(registry, "gone", "success") != null);

            scheduler.removeJob("gone", null);

            assertThat(registry.find("apscheduler.job.executions").tag("job", "gone").meters()).isEmpty();
            // added again, it is tagged again
            scheduler.addJob(JobSpec.builder(() -> { }).id("gone").trigger("interval", Map.of("hours", 1)).build());
            scheduler.runJob("gone", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> executions(registry, "gone", "success") != null);
        });
    }

    @Test
    void absentWithoutAMeterRegistry() {
        ApplicationContextRunner withoutMetrics = new ApplicationContextRunner().withConfiguration(
                AutoConfigurations.of(ApSchedulerAutoConfiguration.class, ApSchedulerMetricsAutoConfiguration.class));
        withoutMetrics.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ApSchedulerMetrics.class));
        withoutMetrics.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ApSchedulerMetrics.class));
    }

    @Test
    void absentWhenTheSchedulerIsOff() {
        contextRunner.withPropertyValues("apscheduler.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ApSchedulerMetrics.class));
    }

    /** The run observations, timed by Micrometer as Boot's observation auto-configuration does. */
    @Configuration(proxyBeanMethods = false)
    static class MeteredObservations {

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    private static AtomicInteger countEnded(Scheduler scheduler) {
        AtomicInteger ended = new AtomicInteger();
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted || event instanceof SchedulerEvent.JobError) {
                ended.incrementAndGet();
            }
        });
        return ended;
    }

    /** The values of the job tag among the registry's meters. */
    private static Set<String> jobTags(MeterRegistry registry) {
        return registry.getMeters().stream().map(meter -> meter.getId().getTag("job")).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Timer executions(MeterRegistry registry, String job, String outcome) {
        return registry.find("apscheduler.job.executions").tags("job", job, "outcome", outcome).timer();
    }

    private static double counter(MeterRegistry registry, String name, String job) {
        Counter counter = registry.find(name).tag("job", job).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double jobs(MeterRegistry registry, String store, String state) {
        return registry.get("apscheduler.jobs").tags("store", store, "state", state).gauge().value();
    }
}
