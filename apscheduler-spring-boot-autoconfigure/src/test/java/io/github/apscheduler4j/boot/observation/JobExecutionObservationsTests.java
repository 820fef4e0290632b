package io.github.apscheduler4j.boot.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerCustomizer;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerMetricsAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerObservationAutoConfiguration;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class JobExecutionObservationsTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApSchedulerMetricsAutoConfiguration.class, ApSchedulerObservationAutoConfiguration.class))
            .withPropertyValues("apscheduler.timezone=UTC");

    @Configuration(proxyBeanMethods = false)
    static class TestRegistryConfiguration {

        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    /** A test tracer whose spans every observation makes, as micrometer-tracing's bridges do. */
    @Configuration(proxyBeanMethods = false)
    static class TracingConfiguration {

        @Bean
        SimpleTracer tracer() {
            return new SimpleTracer();
        }

        @Bean
        ObservationRegistry observationRegistry(SimpleTracer tracer) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
            return registry;
        }

        /** One worker: every run of these tests comes on the same thread, after whatever the last run left on it. */
        @Bean
        ApSchedulerCustomizer oneWorker() {
            return config -> config.executor("default", new ThreadPoolJobExecutor(1))
                    .executor("direct", new DirectJobExecutor());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomConventionConfiguration {

        @Bean
        JobExecutionObservationConvention customConvention() {
            return new DefaultJobExecutionObservationConvention() {
                @Override
                public String getName() {
                    return "billing.job";
                }

                @Override
                public KeyValues getLowCardinalityKeyValues(JobExecutionObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("team", "billing");
                }
            };
        }
    }

    // the current second, up to a second ago: the jobs below take no misfire grace limit, so that a run that starts
    // late on a loaded machine still runs
    private static ZonedDateTime dueNow(Scheduler scheduler) {
        return ZonedDateTime.now(scheduler.timezone()).withNano(0);
    }

    private static void addDue(Scheduler scheduler, String id, ZonedDateTime at, Runnable code) {
        scheduler.addJob(JobSpec.builder(code).id(id).trigger("date", Map.of("run_date", at.toString()))
                .misfireGraceTime(null).build());
    }

    /** The runs that end from now on: listen before adding the jobs, as a run may end before the add returns. */
    private static List<SchedulerEvent> endedRuns(Scheduler scheduler) {
        List<SchedulerEvent> ended = new CopyOnWriteArrayList<>();
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted || event instanceof SchedulerEvent.JobError) {
                ended.add(event);
            }
        });
        return ended;
    }

    private static void awaitEnded(List<SchedulerEvent> ended, int runs) {
        await().atMost(WAIT).until(() -> ended.size() >= runs);
    }

    @Test
    void observesEachRunWithItsJobExecutorStoreOutcomeAndFireTime() {
        contextRunner.withUserConfiguration(TestRegistryConfiguration.class).run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            ZonedDateTime at = dueNow(scheduler);
            addDue(scheduler, "report", at, () -> { });
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry)
                    .hasObservationWithNameEqualTo("apscheduler.job.execution").that()
                    .hasBeenStarted().hasBeenStopped()
                    .hasContextualNameEqualTo("job report")
                    .hasLowCardinalityKeyValue("job", "report")
                    .hasLowCardinalityKeyValue("executor", "default")
                    .hasLowCardinalityKeyValue("jobstore", "default")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasHighCardinalityKeyValue("job.id", "report")
                    .hasHighCardinalityKeyValue("fire.time", DateTimeFormatter.ISO_INSTANT.format(at.toInstant()))
                    .hasHighCardinalityKeyValue("attempt", "1")
                    .doesNotHaveError());
        });
    }

    @Test
    void aFailingRunEndsItsObservationWithTheErrorAndOutcomeError() {
        contextRunner.withUserConfiguration(TestRegistryConfiguration.class).run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            addDue(scheduler, "failing", dueNow(scheduler), () -> {
                throw new IllegalStateException("boom");
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry)
                    .hasObservationWithNameEqualTo("apscheduler.job.execution").that()
                    .hasBeenStopped()
                    .hasLowCardinalityKeyValue("outcome", "error")
                    .assertThatError().hasMessage("boom"));
        });
    }

    @Test
    void aConventionBeanReplacesTheDefaultOne() {
        contextRunner.withUserConfiguration(TestRegistryConfiguration.class, CustomConventionConfiguration.class)
                .run(context -> {
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
                    addDue(scheduler, "invoices", dueNow(scheduler), () -> { });
                    await().atMost(WAIT).untilAsserted(() -> assertThat(registry)
                            .hasObservationWithNameEqualTo("billing.job").that()
                            .hasBeenStopped()
                            .hasLowCardinalityKeyValue("team", "billing")
                            .hasLowCardinalityKeyValue("job", "invoices"));
                });
    }

    @Test
    void eachRunIsARootSpanOfItsOwnTraceWhateverTheThreadHadOpen() {
        contextRunner.withUserConfiguration(TracingConfiguration.class).run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            SimpleTracer tracer = context.getBean(SimpleTracer.class);
            ZonedDateTime at = dueNow(scheduler);
            List<SchedulerEvent> ended = endedRuns(scheduler);
            // the first run leaves a span open on the one worker thread, as a careless job would
            addDue(scheduler, "leaky", at, () -> tracer.withSpan(tracer.nextSpan().name("left open").start()));
            addDue(scheduler, "next", at.plusSeconds(1), () -> { });
            awaitEnded(ended, 2);
            // and a run now, on the caller's thread, while the caller has an observation of its own open
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            Observation request = Observation.start("http.server.requests", registry);
            try (Observation.Scope scope = request.openScope()) {
                scheduler.addJob(JobSpec.builder(() -> { }).id("now").executor("direct")
                        .trigger("interval", Map.of("hours", 1)).build());
                scheduler.runJob("now", null);
            } finally {
                request.stop();
            }
            List<SimpleSpan> runs = tracer.getSpans().stream().filter(span -> span.getName().startsWith("job ")).toList();
            assertThat(runs).extracting(SimpleSpan::getName).containsExactly("job leaky", "job next", "job now");
            assertThat(runs).allSatisfy(span -> assertThat(span.getParentId()).as(span.getName()).isNullOrEmpty());
            assertThat(runs).extracting(SimpleSpan::getTraceId).doesNotHaveDuplicates();
            assertThat(runs.get(1).getTags()).containsEntry("job", "next").containsEntry("outcome", "success");
        });
    }

    @Test
    void putsTheJobIdAndFireTimeInTheMdcWhileTheJobRuns() {
        contextRunner.withUserConfiguration(TestRegistryConfiguration.class).run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            List<String> seen = new CopyOnWriteArrayList<>();
            ZonedDateTime at = dueNow(scheduler);
            addDue(scheduler, "logged", at, () -> {
                seen.add(MDC.get(JobContext.MDC_JOB_ID) + " " + MDC.get(JobContext.MDC_FIRE_TIME));
                // after the run, the thread runs another job: what it logs must not name this one
                scheduler.addJob(JobSpec.builder(() -> seen.add("after: " + MDC.get(JobContext.MDC_JOB_ID)))
                        .id("probe").executor("default").trigger("date", Map.of("run_date", at.toString())).build());
            });
            await().atMost(WAIT).until(() -> seen.size() >= 2);
            assertThat(seen).containsExactly("logged " + DateTimeFormatter.ISO_INSTANT.format(at.toInstant()),
                    "after: probe");
            assertThat(MDC.get(JobContext.MDC_JOB_ID)).isNull();
        });
    }

    /** A job that stays after its run (a one-shot job's run ends after its job was removed: tagged "(other)"). */
    private static void addRecurringDue(Scheduler scheduler, String id) {
        scheduler.addJob(JobSpec.builder(() -> { }).id(id).trigger("interval", Map.of("hours", 1))
                .misfireGraceTime(null).nextRunTime(dueNow(scheduler)).build());
    }

    @Test
    void withBootsObservationAndMetricsAutoConfigurationEachRunIsTimed() {
        bootObservations().run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            addRecurringDue(scheduler, "report");
            await().atMost(WAIT).untilAsserted(() -> assertThat(meters.find("apscheduler.job.execution")
                    .tags("job", "report", "executor", "default", "jobstore", "default", "outcome", "success").timer())
                    .isNotNull().extracting(Timer::count).isEqualTo(1L));
        });
    }

    @Test
    void turnedOffByBootsObservationsEnableProperty() {
        bootObservations().withPropertyValues("management.observations.enable.apscheduler=false").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            List<SchedulerEvent> ended = endedRuns(scheduler);
            addRecurringDue(scheduler, "report");
            awaitEnded(ended, 1);
            assertThat(meters.find("apscheduler.job.executions").tag("job", "report").timer()).isNotNull();
            assertThat(meters.find("apscheduler.job.execution").timer()).isNull();
        });
    }

    private ApplicationContextRunner bootObservations() {
        // one list, so that the auto-configurations are ordered among each other
        return new ApplicationContextRunner().withPropertyValues("apscheduler.timezone=UTC")
                .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                        ApSchedulerMetricsAutoConfiguration.class, ApSchedulerObservationAutoConfiguration.class,
                        ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));
    }

    @Test
    void absentWithoutAnObservationRegistry() {
        contextRunner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("apSchedulerRunObservations"));
    }

    @Test
    void usesTheTracerToStartEachRunAsARoot() {
        contextRunner.withUserConfiguration(TracingConfiguration.class).run(context -> assertThat(context)
                .hasSingleBean(JobExecutionObservations.TraceRootScope.class).hasSingleBean(Tracer.class));
    }
}
