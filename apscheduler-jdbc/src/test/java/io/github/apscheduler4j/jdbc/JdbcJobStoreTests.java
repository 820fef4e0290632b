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
import io.github.apscheduler4j.scheduler.ComponentFactories;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
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
    void refusesAnIdLongerThanItsColumnAndTableNamesThatAreNotIdentifiers() {
        JobStore store = JdbcJobStore.builder(dataSource).build();
        store.start(CONTEXT);

        assertThatIllegalArgumentException().isThrownBy(() -> store.addJob(job("x".repeat(192), T0)))
                .withMessageEndingWith("is longer than the 191 characters a JdbcJobStore holds");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.addJobs(List.of(job("a", T0), job("x".repeat(192), T0))))
                .withMessageEndingWith("is longer than the 191 characters a JdbcJobStore holds");
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
