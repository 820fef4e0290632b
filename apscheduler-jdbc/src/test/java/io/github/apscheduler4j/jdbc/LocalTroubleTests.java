package io.github.apscheduler4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.InvalidJobTargetException;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStore;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one table, as in a rolling deploy: the second lacks a job's target class and another job's
 * executor. The first runs both on time, the rows are neither quarantined nor paused, and the second says why it
 * skips them. Each instance has its store and its pool (made from the URL, as configuration does).
 */
class LocalTroubleTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String URL = "jdbc:h2:mem:local-trouble;DB_CLOSE_DELAY=-1";
    /** The target only the newer instance has. */
    static final String NEW_TARGET = ClassTargetResolver.reference(LocalTroubleTests.class, "newReport");
    static final String OLD_TARGET = ClassTargetResolver.reference(LocalTroubleTests.class, "oldReport");
    private static final List<String> RUNS = new CopyOnWriteArrayList<>();

    private BackgroundScheduler newer;
    private BackgroundScheduler older;

    public static void newReport() {
        RUNS.add("new-target");
    }

    public static void oldReport() {
        RUNS.add("new-executor");
    }

    @AfterEach
    void stop() {
        for (BackgroundScheduler scheduler : new BackgroundScheduler[] {newer, older}) {
            if (scheduler != null && scheduler.isRunning()) {
                scheduler.shutdown(true);
            }
        }
        RUNS.clear();
    }

    private static JobStore store() {
        return new JdbcJobStoreFactory().create(Map.of("url", URL, "tablename", "local_trouble_jobs",
                "initialize_schema", "always"));
    }

    @Test
    void anInstanceThatCannotRunAJobSkipsItAndLeavesItToThoseThatCan() {
        List<String> executedByOlder = new CopyOnWriteArrayList<>();
        older = new BackgroundScheduler(SchedulerConfig.builder().instanceId("older").timezone(UTC)
                .storePollInterval(Duration.ofMillis(100))
                .jobstore("default", store())
                // the class of the new target is not on this instance's class path yet
                .targetResolver(reference -> {
                    if (reference.equals(NEW_TARGET)) {
                        throw new InvalidJobTargetException("job target '" + reference + "': class not found");
                    }
                    return null;
                })
                .build());
        older.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted run) {
                executedByOlder.add(run.jobId());
            }
        });
        older.start();
        newer = new BackgroundScheduler(SchedulerConfig.builder().instanceId("newer").timezone(UTC)
                .storePollInterval(Duration.ofMillis(100))
                .jobstore("default", store())
                .executor("reports", new ThreadPoolJobExecutor(2))
                .build());
        newer.start(true);
        ZonedDateTime start = ZonedDateTime.now(UTC).plusSeconds(1);
        newer.addJob(JobSpec.builder(NEW_TARGET).id("new-target")
                .trigger("interval", Map.of("seconds", 1, "start_date", start.toString())).build());
        newer.addJob(JobSpec.builder(OLD_TARGET).id("new-executor").executor("reports")
                .trigger("interval", Map.of("seconds", 1, "start_date", start.toString())).build());

        // the older instance meets both jobs due, alone
        await().atMost(Duration.ofSeconds(10))
                .until(() -> older.jobsNotRunnableHere().keySet().containsAll(List.of("new-target", "new-executor")));
        assertThat(older.jobsNotRunnableHere().get("new-target")).contains("class not found");
        assertThat(older.jobsNotRunnableHere().get("new-executor")).contains("executor 'reports' is not configured here");
        assertThat(older.getJobs()).as("left as they are in the store").allSatisfy(job -> assertThat(job.isPaused())
                .isFalse());
        assertThat(older.jobStores().get("default").quarantinedJobs()).isEmpty();

        newer.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> RUNS.stream().filter("new-target"::equals).count() >= 3
                && RUNS.stream().filter("new-executor"::equals).count() >= 3);
        assertThat(executedByOlder).as("runs by the instance that cannot run them").isEmpty();
        assertThat(newer.getJobs()).allSatisfy(job -> {
            assertThat(job.isPaused()).isFalse();
            assertThat(job.nextRunTime()).as("moved on by the newer instance's runs").isAfter(start.plusSeconds(1));
        });
        assertThat(newer.jobsNotRunnableHere()).isEmpty();
    }
}
