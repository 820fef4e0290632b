package io.github.apscheduler4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.test.ContractJobs;
import io.github.apscheduler4j.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduler on an H2 file keeps its jobs across a restart, and on coming back handles the runs missed while it was
 * down as misfire_grace_time and coalesce say.
 */
class JdbcSchedulerRestartTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path directory;

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

    /** A new scheduler on the same database file, as after a restart of the application. */
    private BackgroundScheduler scheduler() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + directory.resolve("jobs"));
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .timezone(UTC)
                .clock(clock)
                .jobstore("default", JdbcJobStore.builder(database).build())
                .executor("default", new DirectJobExecutor())
                .build());
        scheduler.addListener(events::add);
        return scheduler;
    }

    private static JobSpec everyTenSeconds(String id, boolean coalesce) {
        return JobSpec.builder(ContractJobs.NOOP).id(id)
                .trigger("interval", Map.of("seconds", 10, "start_date", "2026-01-01T00:00:10Z", "timezone", "UTC"))
                .coalesce(coalesce).misfireGraceTime(Duration.ofSeconds(30)).build();
    }

    private List<Instant> runs(String id) {
        return events.stream().filter(SchedulerEvent.JobExecuted.class::isInstance).map(SchedulerEvent.JobExecuted.class::cast)
                .filter(executed -> executed.jobId().equals(id)).map(executed -> executed.scheduledRunTime().toInstant())
                .toList();
    }

    private List<Instant> missed(String id) {
        return events.stream().filter(SchedulerEvent.JobMissed.class::isInstance).map(SchedulerEvent.JobMissed.class::cast)
                .filter(missed -> missed.jobId().equals(id)).map(missed -> missed.scheduledRunTime().toInstant())
                .toList();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void keepsJobsAcrossARestartAndHandlesTheRunsMissedMeanwhile() {
        BackgroundScheduler first = scheduler();
        first.start();
        first.addJob(everyTenSeconds("coalesced", true));
        first.addJob(everyTenSeconds("every-run", false));
        clock.set(at(10));
        first.wakeup();
        await().untilAsserted(() -> assertThat(runs("every-run")).containsExactly(at(10)));
        await().untilAsserted(() -> assertThat(first.getJob("coalesced").nextRunTime().toInstant()).isEqualTo(at(20)));
        first.shutdown();
        events.clear();

        clock.set(at(115));
        BackgroundScheduler second = scheduler();
        second.start(true);
        assertThat(second.getJob("coalesced").nextRunTime().toInstant()).isEqualTo(at(20));
        assertThat(second.getJob("every-run").nextRunTime().toInstant()).isEqualTo(at(20));
        second.resume();

        await().untilAsserted(() -> assertThat(runs("every-run")).containsExactly(at(90), at(100), at(110)));
        assertThat(missed("every-run")).containsExactly(at(20), at(30), at(40), at(50), at(60), at(70), at(80));
        await().untilAsserted(() -> assertThat(runs("coalesced")).containsExactly(at(110)));
        assertThat(missed("coalesced")).isEmpty();
        assertThat(second.getJob("coalesced").nextRunTime().toInstant()).isEqualTo(at(120));
        assertThat(second.getJob("every-run").nextRunTime().toInstant()).isEqualTo(at(120));
        second.shutdown();
    }
}
