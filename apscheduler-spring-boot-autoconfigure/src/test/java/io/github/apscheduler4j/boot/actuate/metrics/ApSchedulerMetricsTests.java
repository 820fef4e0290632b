package io.github.apscheduler4j.boot.actuate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.boot.RunTroubleConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerMetricsAutoConfiguration;
import io.github.apscheduler4j.boot.jobs.JobRun;
import io.github.apscheduler4j.boot.jobs.JobRunHistory;
import io.github.apscheduler4j.boot.jobs.JobRunOutcome;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ApSchedulerMetricsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApSchedulerMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
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
