package io.github.apscheduler4j.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerCustomizer;
import io.github.apscheduler4j.boot.jobs.JobRun;
import io.github.apscheduler4j.boot.jobs.JobRunHistory;
import io.github.apscheduler4j.boot.jobs.JobRunOutcome;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryJobStore;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Runs in trouble, as the scheduler meets them, for the history, metrics, endpoint and dashboard tests (with a
 * heartbeat every 100 ms, so that they are met at once):
 * <ul>
 * <li>job {@code flaky} is due at start and fails its first attempt; it retries once, after 50-100 ms, and the retry
 * succeeds;</li>
 * <li>the {@code default} store's run ledger holds a run of {@code nightly} by instance {@link #DEAD_INSTANCE}, whose
 * lease ran out a minute ago: that instance died, and the job's recovery is {@code none}, so this instance's heartbeat
 * reports the run abandoned.</li>
 * </ul>
 */
public class RunTroubleConfiguration {

    public static final String DEAD_INSTANCE = "web-2";
    /** The fire of {@code nightly} that the dead instance held. */
    public static final ZonedDateTime ABANDONED_FIRE = ZonedDateTime.parse("2026-01-01T03:00:00Z");

    /** Waits until the history has both: {@code flaky}'s failure and its retry's success, and the abandoned run. */
    public static void awaitTheTrouble(ApplicationContext context) {
        JobRunHistory history = context.getBean(JobRunHistory.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(history.runs("flaky")).extracting(JobRun::outcome).containsExactly(JobRunOutcome.SUCCESS,
                    JobRunOutcome.ERROR);
            assertThat(history.lastRun("nightly")).isNotNull().extracting(JobRun::outcome)
                    .isEqualTo(JobRunOutcome.ABANDONED);
        });
    }

    @Bean
    public ApSchedulerCustomizer fastHeartbeat() {
        return builder -> builder.leaseRenewalInterval(Duration.ofMillis(100));
    }

    @Bean(name = "default")
    public JobStore defaultStore() {
        MemoryJobStore store = new MemoryJobStore();
        Job nightly = Job.builder().id("nightly").target(JobTarget.of("nightly", (args, kwargs) -> null))
                .trigger(Triggers.create("cron", Map.of("hour", 3), ZoneOffset.UTC)).build();
        store.runLedger().record(List.of(ClaimedRun.claimed(nightly, ABANDONED_FIRE.toInstant(), DEAD_INSTANCE,
                Instant.now().minusSeconds(60))));
        return store;
    }

    @Bean
    public SmartInitializingSingleton flakyJob(Scheduler scheduler) {
        return () -> scheduler.addJob(JobSpec.builder(() -> {
            if (JobContext.current().attempt() == JobContext.FIRST_ATTEMPT) {
                throw new IllegalStateException("first attempt fails");
            }
        }).id("flaky").trigger("interval", Map.of("hours", 1)).nextRunTime(ZonedDateTime.now(scheduler.timezone()))
                .misfireGraceTime(null).retries(1).retryBackoff(Duration.ofMillis(100)).build());
    }
}
