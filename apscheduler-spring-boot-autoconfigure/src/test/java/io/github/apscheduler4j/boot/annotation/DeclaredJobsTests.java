package io.github.apscheduler4j.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerCustomizer;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryJobStore;
import io.github.apscheduler4j.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code @ApsJob} jobs are reconciled with their stores at each start, not replaced. A restart is a second application
 * context on the memory store the first one used, which outlives it as a database would; the scheduler's clock is a
 * {@link MutableClock}, so that nothing runs unless a test moves it.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeclaredJobsTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final MemoryJobStore store = new MemoryJobStore();

    /** An application on the shared store and clock, declaring the jobs of {@code jobs} under the bean name "reports". */
    private ApplicationContextRunner application(Class<?> jobs) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class))
                .withPropertyValues("apscheduler.timezone=UTC")
                .withBean("default", JobStore.class, () -> store)
                .withBean(ApSchedulerCustomizer.class, () -> config -> config.clock(clock))
                .withBean("reports", jobs);
    }

    private static void started(ApplicationContextRunner application, ContextConsumer<AssertableApplicationContext> then) {
        application.run(context -> {
            assertThat(context).hasNotFailed();
            then.accept(context);
        });
    }

    private static ZonedDateTime at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).atZone(UTC);
    }

    @Test
    void aJobPausedBeforeARestartStaysPausedAndAnIntervalKeepsItsPhase() {
        started(application(Reports.class), context -> context.getBean(Scheduler.class).pauseJob("nightly", null));
        Job nightly = store.lookupJob("nightly");
        Job tick = store.lookupJob("tick");
        assertThat(tick.nextRunTime()).isEqualTo(at(10));
        clock.advance(Duration.ofSeconds(3));

        started(application(Reports.class), context -> {
            assertThat(store.lookupJob("nightly")).as("paused, as stored").isEqualTo(nightly);
            assertThat(store.lookupJob("tick")).as("10 s after the first start, not after this one").isEqualTo(tick);
        });
    }

    @Test
    void aChangedDeclarationUpdatesTheStoredJobKeepingItPaused() {
        started(application(Reports.class), context -> context.getBean(Scheduler.class).pauseJob("nightly", null));
        clock.advance(Duration.ofSeconds(3));

        started(application(ReportsChanged.class), context -> {
            Job tick = store.lookupJob("tick");
            assertThat(tick.name()).isEqualTo("Tick");
            assertThat(tick.nextRunTime()).as("same trigger: the schedule is kept").isEqualTo(at(10));
            Job nightly = store.lookupJob("nightly");
            assertThat(nightly.trigger()).hasToString("cron[hour='4']");
            assertThat(nightly.isPaused()).isTrue();
        });
    }

    @Test
    void aJobNoLongerDeclaredIsKeptAndNamedInAWarningByDefault(CapturedOutput output) {
        started(application(Reports.class), context -> {
        });

        started(application(TickOnly.class), context -> {
            assertThat(store.lookupJob("nightly")).isNotNull();
            assertThat(store.lookupJob("nightly").isPaused()).isFalse();
        });
        assertThat(output).contains("Job 'nightly' in job store 'default' was declared by an @ApsJob that the"
                + " application no longer has").contains("set apscheduler.declared-jobs.orphans to pause or remove");
    }

    @Test
    void aJobNoLongerDeclaredIsPausedWhenAsked(CapturedOutput output) {
        started(application(Reports.class), context -> {
        });

        started(application(TickOnly.class).withPropertyValues("apscheduler.declared-jobs.orphans=pause"), context -> {
            assertThat(store.lookupJob("nightly").isPaused()).isTrue();
            assertThat(store.lookupJob("tick").isPaused()).isFalse();
        });
        assertThat(output).contains("Paused job 'nightly' in job store 'default'");
    }

    @Test
    void aJobNoLongerDeclaredIsRemovedWhenAsked() {
        started(application(Reports.class), context -> {
        });

        started(application(TickOnly.class).withPropertyValues("apscheduler.declared-jobs.orphans=remove"),
                context -> assertThat(store.allJobs()).extracting(Job::id).containsExactly("tick"));
    }

    @Test
    void aJobAddedThroughTheApiIsNeverTakenForAnOrphan() {
        started(application(Reports.class), context -> context.getBean(Scheduler.class).addJob(
                JobSpec.builder("bean:reports.nightly").id("by-hand").trigger("cron", Map.of("hour", 5)).build()));

        started(application(TickOnly.class).withPropertyValues("apscheduler.declared-jobs.orphans=remove"),
                context -> assertThat(store.allJobs()).extracting(Job::id).containsExactlyInAnyOrder("tick", "by-hand"));
    }

    @Test
    void theJobsOfALazyBeanAreNoOrphansBeforeItIsCreated() {
        started(application(Reports.class), context -> context.getBean(Scheduler.class).pauseJob("nightly", null));
        Job nightly = store.lookupJob("nightly");

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class))
                .withPropertyValues("apscheduler.timezone=UTC", "apscheduler.declared-jobs.orphans=remove")
                .withBean("default", JobStore.class, () -> store)
                .withBean(ApSchedulerCustomizer.class, () -> config -> config.clock(clock))
                .withBean("reports", Reports.class, Reports::new, definition -> definition.setLazyInit(true))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(store.lookupJob("nightly")).isEqualTo(nightly);
                    context.getBean(Reports.class);
                    assertThat(store.lookupJob("nightly")).as("reconciled when created: unchanged").isEqualTo(nightly);
                });
    }

    @Test
    void withoutAutoStartTheJobsAreReconciledWhenTheSchedulerStarts() {
        started(application(Reports.class), context -> {
        });
        Job tick = store.lookupJob("tick");
        clock.advance(Duration.ofSeconds(3));

        started(application(TickOnly.class).withPropertyValues("apscheduler.auto-start=false",
                "apscheduler.declared-jobs.orphans=remove"), context -> {
                    assertThat(store.allJobs()).as("the store untouched before start").hasSize(2);
                    context.start();
                    assertThat(store.allJobs()).containsExactly(tick);
                });
    }

    static class Reports {

        @ApsJob(id = "tick", seconds = "10")
        void tick() {
        }

        @ApsJob(id = "nightly", hour = "3")
        void nightly() {
        }
    }

    static class ReportsChanged {

        @ApsJob(id = "tick", name = "Tick", seconds = "10")
        void tick() {
        }

        @ApsJob(id = "nightly", hour = "4")
        void nightly() {
        }
    }

    static class TickOnly {

        @ApsJob(id = "tick", seconds = "10")
        void tick() {
        }
    }
}
