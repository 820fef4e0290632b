package io.github.apscheduler4j.jdbc;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.test.ContractJobs;
import io.github.apscheduler4j.test.SteppedScheduler;
import io.github.apscheduler4j.time.MutableClock;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Flyway migration and the Liquibase changelog the store ships (io/github/apscheduler4j/jdbc/migration) make the
 * tables its own schema script makes, column for column and index for index, and a scheduler runs a job on them; on
 * tables the store made itself, they change nothing and keep the jobs. Each test works in schemas of its own, made
 * fresh and dropped after; a leaf names the database.
 */
abstract class ShippedMigrationsContract {

    static final String MIGRATION = "io/github/apscheduler4j/jdbc/migration";
    static final String CHANGELOG = MIGRATION + "/changelog.yaml";
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final JobStoreContext CONTEXT = new JobStoreContext("default", new ClassTargetResolver(), ZONE,
            Clock.systemUTC());

    private final String vendor;
    private final Function<String, FreshSchema> createSchema;
    private final List<FreshSchema> schemas = new CopyOnWriteArrayList<>();

    /**
     * @param vendor the folder of the migration for this database, as Spring Boot's {@code {vendor}} names it
     * @param createSchema makes an empty schema (a database, on MariaDB) of the given name anew (dropped first if a
     *     run before left it), with a pool whose connections use it
     */
    protected ShippedMigrationsContract(String vendor, Function<String, FreshSchema> createSchema) {
        this.vendor = vendor;
        this.createSchema = createSchema;
    }

    protected final String vendor() {
        return vendor;
    }

    /** A schema this test made, with a pool on it; closing it closes the pool and drops the schema. */
    protected record FreshSchema(HikariDataSource dataSource, Runnable drop) implements AutoCloseable {

        /** A small pool on {@code url}, whose connections use the schema that {@code drop} drops. */
        static FreshSchema at(String url, Runnable drop) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(url);
            pool.setMaximumPoolSize(2);
            return new FreshSchema(pool, drop);
        }

        /**
         * A schema on a shared server, made afresh there with {@code create} after {@code drop} (a run before may
         * have left it), dropped again on close; {@code url} turns the server's URL into one whose connections use it.
         */
        static FreshSchema onServer(DataSource server, String drop, String create, UnaryOperator<String> url) {
            JdbcClient client = JdbcClient.create(server);
            client.sql(drop).update();
            client.sql(create).update();
            return at(url.apply(((HikariDataSource) server).getJdbcUrl()), () -> client.sql(drop).update());
        }

        @Override
        public void close() {
            dataSource.close();
            drop.run();
        }
    }

    protected final DataSource schema(String name) {
        FreshSchema schema = createSchema.apply(name);
        schemas.add(schema);
        return schema.dataSource();
    }

    @AfterEach
    void dropSchemas() {
        schemas.forEach(FreshSchema::close);
    }

    @Test
    void flywayMakesTheTablesTheStoreScriptMakes() throws Exception {
        DataSource migrated = schema("apsched_flyway_test");

        assertThat(flyway(migrated, false).migrate().migrationsExecuted).isOne();

        assertSameTables(migrated, madeByTheStore(schema("apsched_script_test")));
    }

    @Test
    void liquibaseMakesTheTablesTheStoreScriptMakes() throws Exception {
        DataSource migrated = schema("apsched_liquibase_test");

        liquibaseUpdate(migrated);

        assertThat(JdbcClient.create(migrated).sql("SELECT id FROM DATABASECHANGELOG").query(String.class).list())
                .containsExactly("apscheduler-jobs-" + vendor());
        assertSameTables(migrated, madeByTheStore(schema("apsched_script_test")));
    }

    @Test
    void aSchedulerRunsAJobOnTheTablesFlywayMade() {
        DataSource migrated = schema("apsched_flyway_test");
        flyway(migrated, false).migrate();

        runsAJob(migrated);
    }

    @Test
    void aSchedulerRunsAJobOnTheTablesLiquibaseMade() throws Exception {
        DataSource migrated = schema("apsched_liquibase_test");
        liquibaseUpdate(migrated);

        runsAJob(migrated);
    }

    @Test
    void onTablesTheStoreMadeBothToolsChangeNothingAndKeepTheJobs() throws Exception {
        DataSource tables = madeByTheStore(schema("apsched_adopt_test"));
        JobStore store = store(tables, SchemaInitialization.NEVER);
        store.addJob(ContractJobs.job("kept", T0));
        Map<String, List<String>> before = SchemaShape.of(tables);

        // a schema that is not empty needs a baseline before Flyway migrates it; the repeatable migration runs anyway
        MigrateResult migrated = flyway(tables, true).migrate();
        liquibaseUpdate(tables);

        assertThat(migrated.migrationsExecuted).isOne();
        assertThat(SchemaShape.of(tables)).isEqualTo(before);
        assertThat(store.lookupJob("kept").id()).isEqualTo("kept");
        store.shutdown();
    }

    protected static void assertSameTables(DataSource migrated, DataSource madeByTheStore) throws Exception {
        Map<String, List<String>> tables = SchemaShape.of(migrated);
        assertThat(tables).containsOnlyKeys("apscheduler_jobs", "apscheduler_jobs_runs");
        assertThat(tables.get("apscheduler_jobs")).as("the metadata describes the columns and indexes")
                .anyMatch(line -> line.startsWith("1. id "))
                .anyMatch(line -> line.startsWith("index apscheduler_jobs_next_run_time_idx"));
        assertThat(tables).isEqualTo(SchemaShape.of(madeByTheStore));
    }

    /** A scheduler on a store that leaves its tables alone runs a job through a claim and its run ledger. */
    private static void runsAJob(DataSource migrated) {
        MutableClock clock = MutableClock.at(T0, ZONE);
        List<SchedulerEvent.JobExecuted> runs = new CopyOnWriteArrayList<>();
        SteppedScheduler scheduler = new SteppedScheduler(SchedulerConfig.builder().timezone(ZONE).clock(clock)
                .jobstore("default", JdbcJobStore.builder(migrated).initializeSchema(SchemaInitialization.NEVER)
                        .listenForChanges(false).build())
                .executor("default", new DirectJobExecutor()).build());
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted executed) {
                runs.add(executed);
            }
        });
        scheduler.start();
        try {
            scheduler.addJob(JobSpec.builder(ContractJobs.NOOP).id("migrated")
                    .trigger("interval", Map.of("minutes", 1, "start_date", T0.plusSeconds(60).toString(),
                            "timezone", "UTC")).build());
            clock.set(T0.plusSeconds(60));
            scheduler.runDue();

            assertThat(runs).extracting(SchedulerEvent.JobExecuted::jobId).containsExactly("migrated");
            assertThat(scheduler.getJob("migrated").nextRunTime().toInstant()).isEqualTo(T0.plusSeconds(120));
            JdbcClient sql = JdbcClient.create(migrated);
            assertThat(sql.sql("SELECT next_run_time FROM apscheduler_jobs WHERE id = 'migrated'").query(Long.class)
                    .single()).isEqualTo(T0.plusSeconds(120).toEpochMilli());
            assertThat(sql.sql("SELECT COUNT(*) FROM apscheduler_jobs_runs").query(Long.class).single())
                    .as("the run's ledger row, ended").isZero();
        } finally {
            scheduler.shutdown();
        }
    }

    /** The schema, with the store's tables made by the store from its own script (initialize_schema: always). */
    protected static DataSource madeByTheStore(DataSource schema) {
        store(schema, SchemaInitialization.ALWAYS).shutdown();
        return schema;
    }

    private static JobStore store(DataSource dataSource, SchemaInitialization initialization) {
        JobStore store = JdbcJobStore.builder(dataSource).initializeSchema(initialization).listenForChanges(false)
                .build();
        store.start(CONTEXT);
        return store;
    }

    private Flyway flyway(DataSource dataSource, boolean baselineOnMigrate) {
        return flyway(dataSource, vendor(), baselineOnMigrate);
    }

    /** Flyway on the migration of the folder {@code vendor}. */
    protected static Flyway flyway(DataSource dataSource, String vendor, boolean baselineOnMigrate) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:" + MIGRATION + "/" + vendor)
                .baselineOnMigrate(baselineOnMigrate).load();
    }

    private static void liquibaseUpdate(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(ShippedMigrationsContract.class.getClassLoader()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG).execute());
        }
    }
}
