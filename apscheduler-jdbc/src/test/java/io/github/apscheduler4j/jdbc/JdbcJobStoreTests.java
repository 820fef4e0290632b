package io.github.apscheduler4j.jdbc;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.scheduler.ComponentFactories;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.RunJobReader;
import io.github.apscheduler4j.store.RunLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the JDBC store does beyond the contract: its table, its options and its factory (on H2). */
class JdbcJobStoreTests {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final JobStoreContext CONTEXT = new JobStoreContext("main", new ClassTargetResolver(), ZONE,
            Clock.systemUTC());

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final JdbcClient sql;

    JdbcJobStoreTests() {
        dataSource.setURL(url);
        sql = JdbcClient.create(dataSource);
    }

    private long rows(String table) {
        return sql.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    @Test
    void createsItsTableOnAnEmbeddedDatabaseByDefault() {
        JobStore store = JdbcJobStore.builder(dataSource).build();
        store.start(CONTEXT);

        store.addJob(job("a", T0));

        assertThat(rows("apscheduler_jobs")).isEqualTo(1);
        assertThat(store.lookupJob("a").jobstore()).isEqualTo("main");
    }

    @Test
    void keepsItsJobsInTheConfiguredTableAndSchema() {
        sql.sql("CREATE SCHEMA scheduling").update();
        JobStore store = JdbcJobStore.builder(dataSource).tableSchema("scheduling").tableName("my_jobs").build();
        store.start(CONTEXT);

        store.addJob(job("a", T0));
        store.start(CONTEXT);

        assertThat(rows("scheduling.my_jobs")).isEqualTo(1);
        assertThat(store.dueJobs(T0)).hasSize(1);
        assertThat(store).hasToString("JdbcJobStore[table=scheduling.my_jobs]");
    }

    @Test
    void refusesToStartWithoutItsTableWhenToldNotToCreateIt() {
        JobStore store = JdbcJobStore.builder(dataSource).initializeSchema(SchemaInitialization.NEVER).build();

        assertThatIllegalStateException().isThrownBy(() -> store.start(CONTEXT))
                .withMessageStartingWith("Table apscheduler_jobs of job store 'main' is missing or lacks columns: create"
                        + " it with io/github/apscheduler4j/jdbc/schema-h2.sql or set initialize_schema to always");
    }

    @Test
    void refusesToStartWithoutItsRunsTableNamingIt() {
        sql.sql("CREATE TABLE apscheduler_jobs (id VARCHAR(191) PRIMARY KEY, next_run_time BIGINT, version BIGINT NOT"
                + " NULL, quarantined VARCHAR(1000), claimed_by VARCHAR(191), claimed_at BIGINT, job_state CLOB NOT NULL)")
                .update();
        JobStore store = JdbcJobStore.builder(dataSource).initializeSchema(SchemaInitialization.NEVER).build();

        assertThatIllegalStateException().isThrownBy(() -> store.start(CONTEXT))
                .withMessageStartingWith("Table apscheduler_jobs_runs of job store 'main' is missing or lacks columns:"
                        + " create it with io/github/apscheduler4j/jdbc/schema-h2.sql or set initialize_schema to"
                        + " always");

        // the script adds what is missing to a database of an older version, keeping its jobs
        sql.sql("INSERT INTO apscheduler_jobs (id, version, job_state) VALUES ('kept', 1, '{}')").update();
        JdbcJobStore.builder(dataSource).initializeSchema(SchemaInitialization.ALWAYS).build().start(CONTEXT);
        assertThat(rows("apscheduler_jobs")).isEqualTo(1);
        assertThat(rows("apscheduler_jobs_runs")).isZero();
    }

    @Test
    void namesItsRunsTableAndItsIndexesAfterItsTableWithinTheDatabasesLimits() {
        String longest = "t".repeat(40);
        sql.sql("CREATE SCHEMA scheduling").update();
        JdbcJobStore store = JdbcJobStore.builder(dataSource).tableSchema("scheduling").tableName(longest).build();
        store.start(CONTEXT);
        store.addJob(job("a", T0));
        Job due = store.lookupJob("a");

        assertThat(store.claimJobs(List.of(new JobClaim(due, null, ClaimedRun.claimed(due, T0, "web-1",
                T0.plusSeconds(10))))).get(0)).isTrue();

        assertThat(rows("scheduling." + longest + "_runs")).isEqualTo(1);
        List<String> indexes = sql.sql("SELECT index_name FROM information_schema.indexes WHERE table_schema ="
                + " 'SCHEDULING' ORDER BY index_name").query(String.class).list();
        assertThat(indexes).contains((longest + "_next_run_time_idx").toUpperCase(Locale.ROOT),
                (longest + "_runs_lease_end_idx").toUpperCase(Locale.ROOT));
        // PostgreSQL cuts names at 63 characters, MariaDB refuses more than 64
        assertThat(indexes).allSatisfy(index -> assertThat(index).hasSizeLessThanOrEqualTo(63));
    }

    @Test
    void reportsARunWhoseStateCannotBeReadBackWithAStandInJobThatNoInstanceRuns() {
        JdbcJobStore store = JdbcJobStore.builder(dataSource).build();
        store.start(CONTEXT);
        sql.sql("INSERT INTO apscheduler_jobs_runs (job_id, fire_time, fire_nanos, instance_id, lease_end, attempt,"
                + " phase, version, job_state) VALUES ('broken', ?, 0, 'web-1', ?, 1, 'RUNNING', 3, '{\"format\": 99}')")
                .params(T0.toEpochMilli(), T0.plusSeconds(10).toEpochMilli()).update();

        RunLedger ledger = store.runLedger();
        assertThat(ledger.upForGrabs(T0.plusSeconds(11), 10)).singleElement().satisfies(run -> {
            assertThat(run.fireId()).isEqualTo("broken@" + T0);
            assertThat(run.instanceId()).isEqualTo("web-1");
            assertThat(run.version()).isEqualTo(3);
            assertThat(run.job().id()).isEqualTo("broken");
            assertThat(run.job().target().reference()).isEqualTo(RunJobReader.UNREADABLE_TARGET);
            assertThat(run.job().target().isResolved()).isFalse();
            assertThat(run.job().runPolicy().recovery()).isEqualTo(Recovery.NONE);
            assertThat(run.job().name()).contains("format 99");
        });
        assertThat(ledger.all()).hasSize(1);
    }

    @Test
    void leavesRunsInFlightWhenJobsAreRemoved() {
        JdbcJobStore store = JdbcJobStore.builder(dataSource).build();
        store.start(CONTEXT);
        store.addJob(job("a", T0));
        store.addJob(job("b", T0));
        for (String id : List.of("a", "b")) {
            Job due = store.lookupJob(id);
            store.claimJobs(List.of(new JobClaim(due, due.nextRunTime().plusMinutes(1), ClaimedRun.claimed(due, T0,
                    "web-1", T0.plusSeconds(10)))));
        }

        store.removeJob("a");
        store.removeAllJobs();

        assertThat(store.allJobs()).isEmpty();
        assertThat(store.runLedger().all()).extracting(ClaimedRun::jobId).containsExactly("a", "b");
    }

    @Test
    void writesTheEndsOfRunsEndedAtOnceByManyThreadsAllByItsShutdown() throws Exception {
        JdbcJobStore store = JdbcJobStore.builder(dataSource).build();
        store.start(CONTEXT);
        List<JobClaim> claims = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            store.addJob(job("job-" + i, T0));
            Job due = store.lookupJob("job-" + i);
            claims.add(new JobClaim(due, null, ClaimedRun.claimed(due, T0, "web-1", T0.plusSeconds(10))));
        }
        assertThat(store.claimJobs(claims).cardinality()).isEqualTo(200);
        RunLedger ledger = store.runLedger();
        ClaimedRun notHeld = ClaimedRun.claimed(claims.get(0).due(), T0, "web-2", T0.plusSeconds(10));

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> ends = new ArrayList<>();
            ends.add(threads.submit(() -> ledger.end(notHeld)));
            for (JobClaim claim : claims.subList(1, 200)) {
                ends.add(threads.submit(() -> ledger.end(claim.run())));
            }
            for (Future<?> end : ends) {
                end.get();
            }
        } finally {
            threads.shutdownNow();
        }
        store.shutdown();

        assertThat(rows("apscheduler_jobs_runs")).as("the run ended by an instance that does not hold it").isEqualTo(1);
        assertThat(ledger.all()).extracting(ClaimedRun::fireId).containsExactly(claims.get(0).run().fireId());
    }

    @Test
    void treatsOnlyInProcessH2AsEmbedded() {
        assertThat(JdbcDialect.H2.isEmbedded("jdbc:h2:mem:jobs")).isTrue();
        assertThat(JdbcDialect.H2.isEmbedded("jdbc:h2:file:./jobs")).isTrue();
        assertThat(JdbcDialect.H2.isEmbedded("jdbc:h2:tcp://db/jobs")).isFalse();
        assertThat(JdbcDialect.POSTGRESQL.isEmbedded("jdbc:postgresql://localhost/jobs")).isFalse();
        assertThat(SchemaInitialization.EMBEDDED.applies(JdbcDialect.MARIADB, "jdbc:mariadb://localhost/jobs")).isFalse();
        assertThat(SchemaInitialization.ALWAYS.applies(JdbcDialect.MARIADB, "jdbc:mariadb://localhost/jobs")).isTrue();
    }

    @Test
    void namesItsPostgresNotificationChannelAfterTheTableWithinPostgresLimit() {
        assertThat(PostgresChangeListener.channel("apscheduler_jobs")).isEqualTo("apscheduler_jobs_changed");
        assertThat(PostgresChangeListener.channel("Scheduling.My_Jobs")).isEqualTo("scheduling.my_jobs_changed");
        String longName = "s".repeat(40) + "." + "t".repeat(40);
        assertThat(PostgresChangeListener.channel(longName)).hasSizeLessThanOrEqualTo(63).startsWith("sss")
                .isNotEqualTo(PostgresChangeListener.channel("s".repeat(40) + "." + "t".repeat(39) + "u"));
    }

    @Test
    void refusesToStartWithAnInstanceIdLongerThanItsClaimedByColumn() {
        JobStore store = JdbcJobStore.builder(dataSource).build();
        JobStoreContext longId = new JobStoreContext("main", new ClassTargetResolver(), ZONE, Clock.systemUTC(),
                "i".repeat(192), () -> {
                });

        assertThatThrownBy(() -> store.start(longId)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid value '" + "i".repeat(40) + "...' for 'instance_id': is 192 characters long,"
                        + " longer than the 191 that job store 'main' holds in its claimed_by column");
        store.start(new JobStoreContext("main", new ClassTargetResolver(), ZONE, Clock.systemUTC(), "i".repeat(191),
                () -> {
                }));
    }

    @Test
    void refusesAnIdLongerThanItsColumnAndTableNamesThatAreNotIdentifiers() {
        JobStore store = JdbcJobStore.builder(dataSource).build();
        store.start(CONTEXT);

        assertThatIllegalArgumentException().isThrownBy(() -> store.addJob(job("x".repeat(192), T0)))
                .withMessageEndingWith("is 192 characters long, longer than the 191 a JdbcJobStore holds");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.addJobs(List.of(job("a", T0), job("x".repeat(192), T0))))
                .withMessageEndingWith("is 192 characters long, longer than the 191 a JdbcJobStore holds");
        assertThat(rows("apscheduler_jobs")).as("none of the batch").isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcJobStore.builder(dataSource).tableName("jobs; DROP"))
                .withMessage("tableName 'jobs; DROP' must be a plain SQL identifier: a letter or _, then letters, digits"
                        + " or _, 40 characters at most");
    }

    @Test
    void isMadeFromApSchedulersConfigurationAndClosesItsOwnPool() {
        SchedulerConfig config = SchedulerConfig.fromMap(Map.of("jobstores.default.type", "sqlalchemy",
                "jobstores.default.url", url, "jobstores.default.tablename", "jobs"), "apscheduler.");
        JobStore store = config.jobstores().get("default");
        assertThat(store).isInstanceOf(JdbcJobStore.class).hasToString("JdbcJobStore[table=jobs]");

        store.start(CONTEXT);
        store.addJob(job("a", T0));
        assertThat(rows("jobs")).isEqualTo(1);
        store.shutdown();

        assertThatThrownBy(store::allJobs).isInstanceOf(DataAccessException.class);
        assertThat(ComponentFactories.load().jobStoreTypes()).contains("sqlalchemy", "jdbc");
    }

    @Test
    void namesTheOptionAtFault() {
        assertThat(configError("url", null).getMessage()).contains("is required");
        assertThat(configError("url", "sqlite:///jobs.sqlite").getMessage()).contains("SQLAlchemy URLs are not understood");
        assertThat(configError("url", "jdbc:nodriver://x").getMessage()).contains("no JDBC driver on the class path");
        assertThat(configError("tablename", "my jobs").property()).isEqualTo("apscheduler.jobstores.main.tablename");
        assertThat(configError("tableschema", "a.b").getMessage())
                .startsWith("Invalid value 'a.b' for 'apscheduler.jobstores.main.tableschema': must be a plain SQL");
        assertThat(configError("initialize_schema", "sometimes").getMessage())
                .isEqualTo("Invalid value 'sometimes' for 'apscheduler.jobstores.main.initialize_schema': must be always,"
                        + " embedded or never");
        assertThat(configError("pickle_protocol", 5).getMessage()).contains("unknown option");
    }

    private InvalidConfigurationException configError(String key, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "jdbc");
        if (!key.equals("url")) {
            entry.put("url", url);
        }
        if (value != null) {
            entry.put(key, value);
        }
        return catchThrowableOfType(InvalidConfigurationException.class,
                () -> SchedulerConfig.fromMap(Map.of("jobstores", Map.of("main", entry)), "apscheduler."));
    }
}
