package io.github.apscheduler4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.test.TcpProxy;
import io.github.apscheduler4j.test.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL out of reach for 30 seconds while three scheduler instances share it (each with its own pool, all through
 * a {@link TcpProxy} that the test cuts, so that the server other tests use keeps running). Every fire of every job,
 * from the first to a few seconds after the database is back, is counted: it ran exactly once, or, for a fire whose
 * claim was cut off mid-commit, it ended with an outcome someone can see (run again as attempt 2 where its recovery is
 * {@code rerun}, reported abandoned where it is {@code none}). Nothing is lost that the misfire grace time allowed: the
 * fires due during the outage run when the database is back.
 */
class PostgresOutageIntegrationTest {

    private static final String TABLE = "outage_jobs";
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final int JOBS = 20;
    private static final Queue<Outcome> OUTCOMES = new ConcurrentLinkedQueue<>();

    private final List<BackgroundScheduler> schedulers = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private TcpProxy proxy;

    /** What happened to one fire, on one instance. */
    record Outcome(String jobId, Instant fireTime, String instanceId, String kind, int attempt) {
    }

    /** The jobs' work: records its own run, as the run, so that nothing but the run itself can claim it ran. */
    public static void work() {
        JobContext context = JobContext.current();
        OUTCOMES.add(new Outcome(context.jobId(), context.scheduledFireTime().toInstant(), context.instanceId(),
                "executed", context.attempt()));
    }

    @AfterEach
    void stop() {
        schedulers.forEach(scheduler -> scheduler.shutdown(false));
        pools.forEach(HikariDataSource::close);
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void everyFireIsAccountedForAcrossA30SecondOutage() throws Exception {
        String url = TestDatabase.postgresUrl();
        URI server = URI.create(url.substring("jdbc:".length()));
        proxy = TcpProxy.to(server.getHost(), server.getPort());
        String throughProxy = url.replace("//" + server.getHost() + ":" + server.getPort() + "/",
                "//127.0.0.1:" + proxy.port() + "/");
        JdbcClient direct = JdbcClient.create(TestDatabase.postgres());
        direct.sql("DROP TABLE IF EXISTS " + TABLE).update();
        direct.sql("DROP TABLE IF EXISTS " + TABLE + "_runs").update();
        OUTCOMES.clear();
        for (int i = 1; i <= 3; i++) {
            schedulers.add(instance("outage-" + i, throughProxy));
        }
        schedulers.forEach(BackgroundScheduler::start);

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        List<JobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(JobSpec.builder(ClassTargetResolver.reference(PostgresOutageIntegrationTest.class, "work"))
                    .id(String.format("job-%02d", i))
                    .trigger("interval", Map.of("seconds", 1, "start_date", start.toString()))
                    .coalesce(false).maxInstances(5).misfireGraceTime(Duration.ofMinutes(2))
                    .recovery(i % 2 == 0 ? Recovery.RERUN : Recovery.NONE).build());
        }
        schedulers.get(0).addJobs(jobs);
        await().atMost(Duration.ofSeconds(30)).until(() -> executedFires().size() >= JOBS * 5);

        Instant cutAt = Instant.now();
        proxy.cut();
        // while the database is out of reach nothing can be claimed, so nothing starts (after the runs under way)
        await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5))
                .until(() -> startedBetween(cutAt.plusSeconds(2), Instant.now()) == 0);
        Instant restoredAt = Instant.now();
        proxy.restore();

        Instant windowEnd = restoredAt.plusSeconds(5);
        List<Fire> expected = firesUntil(start, windowEnd);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> expected.stream().allMatch(fire -> outcomesOf(fire).size() > 0)
                        && direct.sql("SELECT COUNT(*) FROM " + TABLE + "_runs WHERE fire_time <= ?")
                                .param(windowEnd.toEpochMilli()).query(Long.class).single() == 0);

        Map<Fire, List<Outcome>> byFire = OUTCOMES.stream().filter(outcome -> !outcome.fireTime().isAfter(windowEnd))
                .collect(Collectors.groupingBy(outcome -> new Fire(outcome.jobId(), outcome.fireTime())));
        long ranDuringOutage = OUTCOMES.stream().filter(outcome -> outcome.kind().equals("executed")
                && outcome.fireTime().isAfter(cutAt) && outcome.fireTime().isBefore(restoredAt)).count();
        System.out.printf("Outage of %s: %d fires in the window, %d of them due during the outage, outcomes %s%n",
                Duration.between(cutAt, restoredAt).truncatedTo(ChronoUnit.SECONDS), expected.size(), ranDuringOutage,
                byFire.values().stream().flatMap(List::stream)
                        .collect(Collectors.groupingBy(outcome -> outcome.kind() + "/attempt " + outcome.attempt(),
                                Collectors.counting())));

        assertThat(byFire.keySet()).as("fires with an outcome, and no other").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ranDuringOutage).as("fires due during the outage that ran once it was back").isPositive();
        byFire.forEach((fire, outcomes) -> {
            assertThat(outcomes).as("outcomes of %s", fire).hasSize(1);
            Outcome outcome = outcomes.get(0);
            boolean rerun = Integer.parseInt(fire.jobId().substring("job-".length())) % 2 == 0;
            if (!(outcome.kind().equals("executed") && outcome.attempt() == 1)) {
                // a claim cut off mid-commit: it won, and its instance never learned so
                assertThat(outcome.kind()).as("%s", outcome).isEqualTo(rerun ? "executed" : "abandoned");
                assertThat(fire.fireTime()).as("%s, claimed as the database went", outcome)
                        .isBetween(cutAt.minus(LEASE), cutAt.plus(LEASE));
            }
        });
    }

    /** A job's scheduled fire. */
    record Fire(String jobId, Instant fireTime) {
    }

    private static List<Fire> firesUntil(Instant start, Instant end) {
        List<Fire> fires = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            for (Instant fire = start; !fire.isAfter(end); fire = fire.plusSeconds(1)) {
                fires.add(new Fire(String.format("job-%02d", i), fire));
            }
        }
        return fires;
    }

    private static List<Outcome> outcomesOf(Fire fire) {
        return OUTCOMES.stream().filter(outcome -> outcome.jobId().equals(fire.jobId())
                && outcome.fireTime().equals(fire.fireTime())).toList();
    }

    private static List<Fire> executedFires() {
        return OUTCOMES.stream().filter(outcome -> outcome.kind().equals("executed"))
                .map(outcome -> new Fire(outcome.jobId(), outcome.fireTime())).distinct().toList();
    }

    /** Runs that started between the two instants, by the fires they ran (a fire runs late only after its time). */
    private static long startedBetween(Instant from, Instant to) {
        return OUTCOMES.stream().filter(outcome -> outcome.kind().equals("executed")
                && outcome.fireTime().isAfter(from) && outcome.fireTime().isBefore(to)).count();
    }

    private BackgroundScheduler instance(String instanceId, String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(instanceId);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(1_000);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        JdbcJobStore store = JdbcJobStore.builder(pool).tableName(TABLE)
                .initializeSchema(SchemaInitialization.ALWAYS)
                .listenerDataSource(new DriverManagerDataSource(url)).build();
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .instanceId(instanceId)
                .timezone(UTC)
                .storePollInterval(Duration.ofSeconds(1))
                .jobstoreRetryInterval(Duration.ofSeconds(1))
                .leaseDuration(LEASE)
                .leaseRenewalInterval(Duration.ofSeconds(1))
                .jobstore("default", store)
                .executor("default", new ThreadPoolJobExecutor(10))
                .build());
        Function<SchedulerEvent, Outcome> outcome = event -> {
            if (event instanceof SchedulerEvent.JobAbandoned abandoned) {
                return new Outcome(abandoned.jobId(), abandoned.scheduledRunTime().toInstant(), instanceId, "abandoned",
                        abandoned.attempt());
            } else if (event instanceof SchedulerEvent.JobMissed missed) {
                return new Outcome(missed.jobId(), missed.scheduledRunTime().toInstant(), instanceId, "missed", 1);
            } else if (event instanceof SchedulerEvent.JobError error) {
                return new Outcome(error.jobId(), error.scheduledRunTime().toInstant(), instanceId, "error", 1);
            }
            return null;
        };
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobMaxInstances skipped) {
                skipped.scheduledRunTimes().forEach(time -> OUTCOMES.add(new Outcome(skipped.jobId(), time.toInstant(),
                        instanceId, "max_instances", 1)));
                return;
            }
            Outcome recorded = outcome.apply(event);
            if (recorded != null) {
                OUTCOMES.add(recorded);
            }
        });
        return scheduler;
    }
}
