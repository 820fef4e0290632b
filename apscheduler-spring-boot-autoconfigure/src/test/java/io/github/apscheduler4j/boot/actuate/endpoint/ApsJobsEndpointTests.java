package io.github.apscheduler4j.boot.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.boot.NightlyJobConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApsJobsEndpointAutoConfiguration;
import io.github.apscheduler4j.boot.jobs.JobActionDescriptor;
import io.github.apscheduler4j.boot.jobs.JobDescriptor;
import io.github.apscheduler4j.boot.jobs.JobDetailsDescriptor;
import io.github.apscheduler4j.boot.jobs.JobRunDescriptor;
import io.github.apscheduler4j.boot.jobs.SchedulerDescriptor;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The endpoint's operations, called directly on a real scheduler. */
class ApsJobsEndpointTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApsJobsEndpointAutoConfiguration.class))
            .withPropertyValues("apscheduler.timezone=UTC", "apscheduler.executors.default.type=threadpool",
                    "apscheduler.executors.default.max_workers=4",
                    "management.endpoints.web.exposure.include=apsjobs");

    @Test
    void describesTheSchedulerItsStoresExecutorsAndJobs() {
        run(context -> {
            SchedulerDescriptor descriptor = endpoint(context).scheduler().body();
            assertThat(descriptor.status().state()).isEqualTo("RUNNING");
            assertThat(descriptor.status().timezone()).isEqualTo("UTC");
            assertThat(descriptor.jobstores().get("default").type()).isEqualTo("memory");
            assertThat(descriptor.executors().get("default").type()).isEqualTo("threadpool");
            assertThat(descriptor.executors().get("default").description())
                    .isEqualTo("ThreadPoolJobExecutor(max_workers=4)");
            JobDescriptor job = descriptor.jobs().get(0);
            assertThat(job.id()).isEqualTo("nightly");
            assertThat(job.name()).isEqualTo("Nightly report");
            assertThat(job.trigger().type()).isEqualTo("cron");
            assertThat(job.trigger().description()).isEqualTo("cron[hour='3']");
            assertThat(job.trigger().arguments()).containsEntry("hour", "3").containsEntry("timezone", "UTC");
            assertThat(job.trigger().words()).isEqualTo("every day at 03:00");
            assertThat(job.nextRunTime()).endsWith("T03:00:00Z");
            assertThat(job.jobstore()).isEqualTo("default");
            assertThat(job.executor()).isEqualTo("default");
            assertThat(job.paused()).isFalse();
            assertThat(job.coalesce()).isTrue();
            assertThat(job.maxInstances()).isEqualTo(1);
            assertThat(job.misfireGraceTime()).isEqualTo("PT1S");
            assertThat(job.lastRun()).isNull();
        });
    }

    @Test
    void describesOneJobWithItsSanitizedArgumentsAndLastRuns() {
        run(context -> {
            ApsJobsEndpoint endpoint = endpoint(context);
            assertThat(details(endpoint, "nightly").args()).containsExactly("******");
            assertThat(details(endpoint, "nightly").kwargs()).containsEntry("password", "******");
            JobDetailsDescriptor shown = endpoint.jobDetails("nightly", true).body();
            assertThat(shown.args()).containsExactly("monthly");
            assertThat(shown.kwargs()).containsEntry("password", "secret");
            assertThat(shown.runs()).isEmpty();
            endpoint.jobAction("nightly", "run");
            await().atMost(Duration.ofSeconds(10)).until(() -> !details(endpoint, "nightly").runs().isEmpty());
            JobDetailsDescriptor afterRun = details(endpoint, "nightly");
            JobRunDescriptor run = afterRun.runs().get(0);
            assertThat(run.outcome()).isEqualTo("SUCCESS");
            assertThat(run.scheduledRunTime()).isNull();
            assertThat(run.started()).isNotNull();
            assertThat(run.duration()).startsWith("PT");
            assertThat(run.durationMillis()).isNotNegative();
            assertThat(run.error()).isNull();
            assertThat(afterRun.job().lastRun()).isEqualTo(run);
        });
    }

    @Test
    void showsAFailedRunsError() {
        run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.builder(() -> {
                throw new IllegalStateException("disk full");
            }).id("failing").trigger("interval", Map.of("hours", 1)).build());
            ApsJobsEndpoint endpoint = endpoint(context);
            endpoint.jobAction("failing", "run");
            await().atMost(Duration.ofSeconds(10)).until(() -> !details(endpoint, "failing").runs().isEmpty());
            JobRunDescriptor run = details(endpoint, "failing").runs().get(0);
            assertThat(run.outcome()).isEqualTo("ERROR");
            assertThat(run.error()).isEqualTo("java.lang.IllegalStateException: disk full");
        });
    }

    @Test
    void masksWhatLooksSecretInARunsErrorHereAndInTheListing() {
        run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.builder(() -> {
                throw new IllegalStateException("cannot open jdbc:postgresql://app:hunter2@db/app with token=abc123");
            }).id("leaky").trigger("interval", Map.of("hours", 1)).build());
            ApsJobsEndpoint endpoint = endpoint(context);
            endpoint.jobAction("leaky", "run");
            await().atMost(Duration.ofSeconds(10)).until(() -> !details(endpoint, "leaky").runs().isEmpty());

            String masked = "java.lang.IllegalStateException: cannot open jdbc:postgresql://app:******@db/app with"
                    + " token=******";
            assertThat(details(endpoint, "leaky").runs().get(0).error()).isEqualTo(masked);
            assertThat(endpoint.scheduler().body().jobs()).filteredOn(job -> job.id().equals("leaky")).singleElement()
                    .satisfies(job -> assertThat(job.lastRun().error()).isEqualTo(masked));
        });
    }

    @Test
    void saysWhyThisInstanceCannotRunAJobWhileOthersMay() {
        run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addExecutor("reports", new DirectJobExecutor());
            scheduler.addJob(JobSpec.builder(() -> { }).id("on-reports").executor("reports")
                    .trigger("interval", Map.of("hours", 1)).build());
            scheduler.removeExecutor("reports", true);

            ApsJobsEndpoint endpoint = endpoint(context);
            assertThat(details(endpoint, "on-reports").job().notRunnableHere())
                    .isEqualTo("its executor 'reports' is not configured here");
            assertThat(details(endpoint, "nightly").job().notRunnableHere()).isNull();
        });
    }

    @Test
    void sanitizingFunctionsApplyToShownValues() {
        contextRunner.withUserConfiguration(NightlyJobConfiguration.class)
                .withBean(SanitizingFunction.class,
                        () -> data -> data.getKey().equals("password") ? data.withSanitizedValue() : data)
                .run(context -> {
                    JobDetailsDescriptor shown = endpoint(context).jobDetails("nightly", true).body();
                    assertThat(shown.args()).containsExactly("monthly");
                    assertThat(shown.kwargs()).containsEntry("password", SanitizableData.SANITIZED_VALUE);
                });
    }

    @Test
    void pausesResumesAndRemovesAJob() {
        run(context -> {
            ApsJobsEndpoint endpoint = endpoint(context);
            JobActionDescriptor paused = endpoint.jobAction("nightly", "pause").body();
            assertThat(paused.action()).isEqualTo("pause");
            assertThat(paused.job().paused()).isTrue();
            assertThat(paused.job().nextRunTime()).isNull();
            JobActionDescriptor resumed = endpoint.jobAction("nightly", "RESUME").body();
            assertThat(resumed.job().paused()).isFalse();
            JobActionDescriptor removed = endpoint.removeJob("nightly").body();
            assertThat(removed.action()).isEqualTo("remove");
            assertThat(removed.job().id()).isEqualTo("nightly");
            assertThat(context.getBean(Scheduler.class).getJob("nightly")).isNull();
        });
    }

    @Test
    void runNowIsRefusedWhileMaxInstancesRunsAreUnderWay() {
        run(context -> {
            CountDownLatch release = new CountDownLatch(1);
            context.getBean(Scheduler.class).addJob(JobSpec.builder(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).id("slow").trigger("interval", Map.of("hours", 1)).build());
            ApsJobsEndpoint endpoint = endpoint(context);
            assertThat(endpoint.jobAction("slow", "run").body().accepted()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !endpoint.jobAction("slow", "run").body().accepted());
            release.countDown();
        });
    }

    @Test
    void unknownJobsAreNullAndUnknownActionsAreBadRequests() {
        run(context -> {
            ApsJobsEndpoint endpoint = endpoint(context);
            assertThat(endpoint.job("nope")).isNull();
            assertThat(endpoint.jobAction("nope", "pause")).isNull();
            assertThat(endpoint.removeJob("nope")).isNull();
            assertThatThrownBy(() -> endpoint.jobAction("nightly", "explode"))
                    .isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessage("Unknown action 'explode'; known actions: pause, resume, run");
            assertThatThrownBy(() -> endpoint.jobAction("nightly", "remove"))
                    .isInstanceOf(InvalidEndpointRequestException.class);
        });
    }

    @Test
    void runNowOnAStoppedSchedulerIsABadRequest() {
        contextRunner.withUserConfiguration(NightlyJobConfiguration.class).withPropertyValues("apscheduler.auto-start=false")
                .run(context -> {
                    assertThat(endpoint(context).scheduler().body().status().state()).isEqualTo("STOPPED");
                    assertThatThrownBy(() -> endpoint(context).jobAction("nightly", "run"))
                            .isInstanceOf(InvalidEndpointRequestException.class)
                            .hasMessageContaining("not running");
                });
    }

    private void run(Consumer<AssertableApplicationContext> assertions) {
        contextRunner.withUserConfiguration(NightlyJobConfiguration.class).run(assertions::accept);
    }

    private static JobDetailsDescriptor details(ApsJobsEndpoint endpoint, String id) {
        return endpoint.job(id).body();
    }

    private static ApsJobsEndpoint endpoint(AssertableApplicationContext context) {
        return context.getBean(ApsJobsEndpoint.class);
    }
}
