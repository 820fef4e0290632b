package io.github.apscheduler4j.jdbc;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On PostgreSQL, stores tell each other of their changes (NOTIFY) and a scheduler hears them at once (LISTEN),
 * long before its store poll interval; runs when APSCHEDULER_TEST_POSTGRES_URL names a database, else skipped.
 */
class PostgresChangeListenerTests {

    private static final String TABLE = "listener_jobs";
    private static final String CHANNEL = "listener_jobs_changed";
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

    private DataSource database;
    private JdbcClient sql;
    private JdbcJobStore other;
    private BackgroundScheduler scheduler;
    private final Queue<String> executed = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void createTable() {
        database = TestDatabase.postgres();
        sql = JdbcClient.create(database);
        sql.sql("DROP TABLE IF EXISTS " + TABLE).update();
        other = JdbcJobStore.builder(database).tableName(TABLE).initializeSchema(SchemaInitialization.ALWAYS)
                .listenForChanges(false).build();
        other.start(new JobStoreContext("default", new ClassTargetResolver(), ZONE, Clock.systemUTC(), "other",
                () -> {
                }));
    }

    @AfterEach
    void stop() {
        if (scheduler != null && scheduler.isRunning()) {
            scheduler.shutdown(false);
        }
        if (other != null) {
            other.shutdown();
        }
    }

    /** A running scheduler that looks at the table only every 30 s unless told of a change. */
    private BackgroundScheduler startScheduler() {
        scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .instanceId("listening")
                .timezone(ZoneId.of("UTC"))
                .storePollInterval(POLL_INTERVAL)
                .jobstore("default", JdbcJobStore.builder(database).tableName(TABLE).build())
                .executor("default", new DirectJobExecutor())
                .build());
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted run) {
                executed.add(run.jobId());
            } else if (event instanceof SchedulerEvent.JobError || event instanceof SchedulerEvent.JobMissed) {
                executed.add("unexpected " + event);
            }
        });
        scheduler.start();
        return scheduler;
    }

    /** A job due now whose function takes no arguments. */
    private static Job dueNow(String id) {
        return job(id, Instant.now()).toBuilder().args(List.of()).kwargs(Map.of()).build();
    }

    private List<Integer> listeningBackends() {
        return sql.sql("SELECT pid FROM pg_stat_activity WHERE query = ? AND state = 'idle'")
                .param("LISTEN \"" + CHANNEL + "\"").query(Integer.class).list();
    }

    @Test
    void wakesTheSchedulerWhenAnotherStoreObjectAddsAJob() {
        startScheduler();

        other.addJob(dueNow("added-elsewhere"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(executed).containsExactly("added-elsewhere"));
        assertThat(sql.sql("SELECT claimed_by FROM " + TABLE + " WHERE id = ?").param("added-elsewhere")
                .query(String.class).single()).as("the instance that claimed the run").isEqualTo("listening");
    }

    @Test
    void listensAgainAfterItsConnectionIsKilledAndLooksAtTheStoreThen() {
        startScheduler();
        List<Integer> before = listeningBackends();
        assertThat(before).hasSize(1);

        sql.sql("SELECT pg_terminate_backend(?)").param(before.get(0)).query(Boolean.class).single();
        other.addJob(dueNow("added-while-deaf"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(executed).contains("added-while-deaf"));
        await().atMost(Duration.ofSeconds(10)).until(() -> listeningBackends().size() == 1
                && !listeningBackends().equals(before));
        other.addJob(dueNow("added-after"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(executed).contains("added-after"));
    }

    @Test
    void stopsListeningWhenTheSchedulerShutsDown() {
        startScheduler();
        assertThat(listeningBackends()).hasSize(1);

        scheduler.shutdown();

        await().atMost(Duration.ofSeconds(5)).until(() -> listeningBackends().isEmpty());
    }

    @Test
    void notifiesAddsUpdatesAndRemovalsButNotClaims() {
        Instant t0 = Instant.parse("2026-06-01T10:00:00Z");

        assertThat(notificationsOf(() -> {
            other.addJob(job("a", t0));
            other.updateJob(other.lookupJob("a").withNextRunTime(t0.plusSeconds(5).atZone(ZONE)));
            other.claimJob(other.lookupJob("a"), t0.plusSeconds(65).atZone(ZONE));
            other.removeJob("a");
            other.addJob(job("b", t0));
            other.claimJob(other.lookupJob("b"), null);
            other.removeAllJobs(); // nothing to remove: no notification
            other.addJob(job("c", t0));
            other.removeAllJobs();
        }, 6)).containsExactly("a", "a", "a", "b", "c", "*");
    }

    @Test
    void notifiesABatchOfAddsOnceWhenItCommits() {
        Instant t0 = Instant.parse("2026-06-01T10:00:00Z");

        assertThat(notificationsOf(() -> {
            other.addJob(job("taken", t0));
            other.addJobs(List.of(job("a", t0), job("b", t0), job("c", t0)));
            assertThatThrownBy(() -> other.addJobs(List.of(job("d", t0), job("taken", t0))))
                    .isInstanceOf(ConflictingIdException.class);
            other.addJob(job("e", t0));
        }, 3)).as("none for the batch rolled back").containsExactly("taken", "*", "e");
    }

    /** The payloads of the table's channel while {@code writes} run, once {@code count} have come. */
    private List<String> notificationsOf(Runnable writes, int count) {
        try (Connection connection = database.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            writes.run();
            List<String> payloads = new ArrayList<>();
            PGConnection postgres = connection.unwrap(PGConnection.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                PGNotification[] received = postgres.getNotifications(100);
                if (received != null) {
                    Arrays.stream(received).map(PGNotification::getParameter).forEach(payloads::add);
                }
                return payloads.size() >= count;
            });
            try (Statement statement = connection.createStatement()) {
                statement.execute("UNLISTEN *");
            }
            return payloads;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
