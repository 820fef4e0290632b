package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.Reports;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.test.SteppedScheduler;
import io.github.apscheduler4j.test.TestDatabase;
import io.github.apscheduler4j.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migrations apscheduler-jdbc ships, run by Spring Boot's Flyway or Liquibase auto-configuration: the scheduler
 * is made after them (it depends on database initialization, and Boot counts both tools as initializers), its store
 * runs a job on their tables, and {@code apscheduler.jdbc.initialize-schema} left at its default runs its script
 * after them on an in-memory database, where it finds the tables there and changes nothing.
 */
class ApSchedulerSchemaMigrationTests {

    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    // the failure analysis names these: the test holds them to the files
    private static final String FLYWAY_LOCATIONS = "spring.flyway.locations="
            + JdbcJobStoreFailureAnalyzer.FLYWAY_LOCATION;
    private static final String LIQUIBASE_CHANGELOG = "spring.liquibase.change-log="
            + JdbcJobStoreFailureAnalyzer.LIQUIBASE_CHANGELOG;

    private final MutableClock clock = MutableClock.at(START, ZoneId.of("UTC"));

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withBean(MutableClock.class, () -> clock)
            .withPropertyValues("apscheduler.jobstores.default.type=sqlalchemy",
                    "apscheduler.scheduler=" + SteppedScheduler.class.getName(),
                    "apscheduler.executors.default.type=debug", "apscheduler.job-targets.allowed=com.acme");

    private final ApplicationContextRunner flyway = contextRunner.withConfiguration(AutoConfigurations.of(
            DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class, ApSchedulerAutoConfiguration.class))
            .withPropertyValues(FLYWAY_LOCATIONS);

    private final ApplicationContextRunner liquibase = contextRunner.withConfiguration(AutoConfigurations.of(
            DataSourceAutoConfiguration.class, LiquibaseAutoConfiguration.class, ApSchedulerAutoConfiguration.class))
            .withPropertyValues(LIQUIBASE_CHANGELOG);

    private static String h2(String name) {
        return "spring.datasource.url=jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void flywayMigratesBeforeTheSchedulerAndTheDefaultInitializationRunsAfterItChangingNothing() {
        flyway.withPropertyValues(h2("apsched-boot-flyway")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ApSchedulerDataSourceScriptDatabaseInitializer.class);
            assertThat(dependsOn(context, "apScheduler")).contains("flywayInitializer");
            // had the store's script run first, Flyway would have refused the schema it found not empty
            assertThat(dependsOn(context, initializer(context))).contains("flywayInitializer");
            assertThat(JdbcClient.create(context.getBean(DataSource.class)).sql("SELECT \"script\" FROM"
                    + " \"flyway_schema_history\" WHERE \"type\" = 'SQL' AND \"success\"").query(String.class).list())
                    .containsExactly("R__apscheduler_jobs.sql");
            runsAJob(context, "flyway-h2");
        });
    }

    @Test
    void liquibaseUpdatesBeforeTheSchedulerAndTheDefaultInitializationRunsAfterItChangingNothing() {
        liquibase.withPropertyValues(h2("apsched-boot-liquibase")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ApSchedulerDataSourceScriptDatabaseInitializer.class);
            assertThat(dependsOn(context, "apScheduler")).contains("liquibase");
            assertThat(dependsOn(context, initializer(context))).contains("liquibase");
            assertThat(JdbcClient.create(context.getBean(DataSource.class)).sql("SELECT id FROM DATABASECHANGELOG")
                    .query(String.class).list()).containsExactly("apscheduler-jobs-h2");
            runsAJob(context, "liquibase-h2");
        });
    }

    @Test
    void flywayOnPostgresql() {
        onPostgresql("apsched_boot_flyway", flyway);
    }

    @Test
    void liquibaseOnPostgresql() {
        onPostgresql("apsched_boot_liquibase", liquibase);
    }

    /** In a schema of the test's own, which the connections use, dropped after. */
    private void onPostgresql(String schema, ApplicationContextRunner runner) {
        JdbcClient server = JdbcClient.create(TestDatabase.postgres());
        server.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        server.sql("CREATE SCHEMA " + schema).update();
        try {
            runner.withPropertyValues("spring.datasource.url=" + TestDatabase.postgresUrl() + "&currentSchema="
                    + schema).run(context -> {
                        // embedded, the default, leaves a server's tables alone
                        assertThat(context).hasNotFailed();
                        assertThat(server.sql("SELECT table_name FROM information_schema.tables WHERE table_schema"
                                + " = ? AND table_name LIKE 'apscheduler%' ORDER BY 1").param(schema)
                                .query(String.class).list()).containsExactly("apscheduler_jobs",
                                        "apscheduler_jobs_runs");
                        runsAJob(context, schema);
                    });
        } finally {
            server.sql("DROP SCHEMA " + schema + " CASCADE").update();
        }
    }

    private void runsAJob(AssertableApplicationContext context, String period) {
        SteppedScheduler scheduler = context.getBean(SteppedScheduler.class);
        scheduler.addJob(JobSpec.builder("com.acme.Reports::send").id("report").args(period, List.of("ops"))
                .trigger("interval", Map.of("minutes", 10)).build());
        clock.advance(Duration.ofMinutes(10));
        scheduler.runDue();
        assertThat(Reports.SENT).contains(period + " to [ops]");
        assertThat(JdbcClient.create(context.getBean(DataSource.class))
                .sql("SELECT next_run_time FROM apscheduler_jobs WHERE id = 'report'").query(Long.class).single())
                .isEqualTo(START.plus(Duration.ofMinutes(20)).toEpochMilli());
    }

    private static String initializer(AssertableApplicationContext context) {
        return context.getBeanNamesForType(ApSchedulerDataSourceScriptDatabaseInitializer.class)[0];
    }

    private static List<String> dependsOn(AssertableApplicationContext context, String bean) {
        String[] dependsOn = context.getBeanFactory().getBeanDefinition(bean).getDependsOn();
        return dependsOn == null ? List.of() : List.of(dependsOn);
    }
}
