package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.MissingJobTableException;
import io.github.apscheduler4j.jdbc.UnsupportedDatabaseException;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The tables of the stores on the application's DataSource, created the Boot way ({@code apscheduler.jdbc.*}). */
class ApSchedulerJdbcSchemaTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class))
            .withPropertyValues("apscheduler.jobstores.default.type=sqlalchemy");

    private static DataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static List<String> tables(DataSource dataSource) {
        return new JdbcTemplate(dataSource).queryForList("SELECT LOWER(table_name) FROM information_schema.tables"
                + " WHERE LOWER(table_name) LIKE 'apscheduler_jobs%' ORDER BY 1", String.class);
    }

    @Test
    void bootCreatesTheTablesOfAStoreOnAnInMemoryDatabaseBeforeTheSchedulerIsMade() {
        DataSource dataSource = h2("jdbc:h2:mem:boot-schema;DB_CLOSE_DELAY=-1");
        contextRunner.withBean(DataSource.class, () -> dataSource).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ApSchedulerDataSourceScriptDatabaseInitializer.class);
            assertThat(tables(dataSource)).containsExactly("apscheduler_jobs", "apscheduler_jobs_runs");
            String initializer = context.getBeanNamesForType(ApSchedulerDataSourceScriptDatabaseInitializer.class)[0];
            assertThat(context.getBeanFactory().getBeanDefinition("apScheduler").getDependsOn()).contains(initializer);
            assertThat(context.getBean(Scheduler.class).jobStores().get("default")).isInstanceOf(JdbcJobStore.class);
        });
    }

    @Test
    void neverLeavesTheTablesToTheApplicationAndTheFailureSaysHowToCreateThem() {
        contextRunner.withBean(DataSource.class, () -> h2("jdbc:h2:mem:boot-schema-never;DB_CLOSE_DELAY=-1"))
                .withPropertyValues("apscheduler.jdbc.initialize-schema=never").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(Exception.class);
                    FailureAnalysis analysis = new JdbcJobStoreFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("APSCHEDULER_JOBS").contains("'default'");
                    assertThat(analysis.getAction()).contains("classpath:io/github/apscheduler4j/jdbc/schema-h2.sql")
                            .contains("'apscheduler.jdbc.initialize-schema' to always")
                            .contains("'spring.flyway.locations'", JdbcJobStoreFailureAnalyzer.FLYWAY_LOCATION,
                                    JdbcJobStoreFailureAnalyzer.LIQUIBASE_CHANGELOG);
                });
    }

    @Test
    void embeddedMeansAnInMemoryDatabaseAsBootCountsIt(@TempDir Path dir) {
        String file = "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath();
        contextRunner.withBean(DataSource.class, () -> h2(file)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(causes(context.getStartupFailure())).anyMatch(MissingJobTableException.class::isInstance);
        });
        contextRunner.withBean(DataSource.class, () -> h2(file))
                .withPropertyValues("apscheduler.jdbc.initialize-schema=always").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(tables(h2(file))).contains("apscheduler_jobs", "apscheduler_jobs_runs");
                });
    }

    @Test
    void aStoreThatSetsItsOwnTableOrInitializationCreatesItsTablesItselfAsBefore() {
        DataSource dataSource = h2("jdbc:h2:mem:own-schema;DB_CLOSE_DELAY=-1");
        contextRunner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("apscheduler.jobstores.default.tablename=my_jobs",
                        "apscheduler.jobstores.default.initialize_schema=always").run(context -> {
                            assertThat(context).hasNotFailed()
                                    .doesNotHaveBean(ApSchedulerDataSourceScriptDatabaseInitializer.class);
                            assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM my_jobs",
                                    Integer.class)).isZero();
                        });
    }

    @Test
    void theApSchedulerDataSourceIsTheStoresAmongSeveral() {
        contextRunner.withUserConfiguration(TwoDataSources.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(tables(context.getBean("schedulerDataSource", DataSource.class)))
                    .containsExactly("apscheduler_jobs", "apscheduler_jobs_runs");
            assertThat(tables(context.getBean("appDataSource", DataSource.class))).isEmpty();
        });
    }

    @Test
    void severalDataSourcesAndNoneChosenStopStartUpNamingTheProperty() {
        contextRunner.withBean("one", DataSource.class, () -> h2("jdbc:h2:mem:one;DB_CLOSE_DELAY=-1"))
                .withBean("two", DataSource.class, () -> h2("jdbc:h2:mem:two;DB_CLOSE_DELAY=-1")).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(causes(context.getStartupFailure()))
                            .anySatisfy(cause -> assertThat(cause).isInstanceOfSatisfying(
                                    ApSchedulerConfigurationException.class, e -> assertThat(e.property())
                                            .isEqualTo("apscheduler.jobstores.default.url")))
                            .anySatisfy(cause -> assertThat(cause).hasMessageContaining("@ApSchedulerDataSource"));
                });
    }

    @Test
    void anUnsupportedDatabaseIsExplained() {
        FailureAnalysis analysis = new JdbcJobStoreFailureAnalyzer()
                .analyze(new IllegalStateException("start failed", new UnsupportedDatabaseException("Apache Derby")));
        assertThat(analysis.getDescription()).contains("not on Apache Derby");
        assertThat(analysis.getAction()).contains("H2, PostgreSQL, MariaDB or MySQL");
    }

    @Test
    void bootCreatesTheTablesOnPostgresql() {
        DataSource postgres = TestDatabase.postgres();
        new JdbcTemplate(postgres).execute("DROP SCHEMA IF EXISTS boot_schema CASCADE");
        new JdbcTemplate(postgres).execute("CREATE SCHEMA boot_schema");
        String url = TestDatabase.postgresUrl() + "&currentSchema=boot_schema";
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        contextRunner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("apscheduler.jdbc.initialize-schema=always").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(new JdbcTemplate(dataSource).queryForList("SELECT table_name FROM"
                            + " information_schema.tables WHERE table_schema = 'boot_schema' ORDER BY 1",
                            String.class)).containsExactly("apscheduler_jobs", "apscheduler_jobs_runs");
                });
        new JdbcTemplate(postgres).execute("DROP SCHEMA boot_schema CASCADE");
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.add(cause);
        }
        return all;
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        DataSource appDataSource() {
            return h2("jdbc:h2:mem:app-only;DB_CLOSE_DELAY=-1");
        }

        @Bean
        @ApSchedulerDataSource
        DataSource schedulerDataSource() {
            return h2("jdbc:h2:mem:scheduler-only;DB_CLOSE_DELAY=-1");
        }
    }
}
