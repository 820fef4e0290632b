package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.TunedExecutor;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every documented store and executor option, set the way a container sets it: as an environment variable, where
 * {@code MAX_WORKERS} could as well be {@code max.workers}.
 */
class ApSchedulerEnvironmentPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class));

    @Test
    void everyJdbcStoreOptionBindsFromEnvironmentVariables() {
        assertThat(entry("jobstores", "sql", Map.of("APSCHEDULER_JOBSTORES_SQL_TYPE", "sqlalchemy",
                "APSCHEDULER_JOBSTORES_SQL_URL", "jdbc:h2:mem:env", "APSCHEDULER_JOBSTORES_SQL_USERNAME", "app",
                "APSCHEDULER_JOBSTORES_SQL_PASSWORD", "s3cret", "APSCHEDULER_JOBSTORES_SQL_TABLENAME", "my_jobs",
                "APSCHEDULER_JOBSTORES_SQL_TABLESCHEMA", "scheduling",
                "APSCHEDULER_JOBSTORES_SQL_INITIALIZE_SCHEMA", "always"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "type", "sqlalchemy", "url", "jdbc:h2:mem:env", "username", "app", "password", "s3cret",
                        "tablename", "my_jobs", "tableschema", "scheduling", "initialize_schema", "always"));
    }

    @Test
    void everyMongoStoreOptionBindsFromEnvironmentVariables() {
        assertThat(entry("jobstores", "mongo", Map.of("APSCHEDULER_JOBSTORES_MONGO_TYPE", "mongodb",
                "APSCHEDULER_JOBSTORES_MONGO_URI", "mongodb://db:27017", "APSCHEDULER_JOBSTORES_MONGO_DATABASE", "ops",
                "APSCHEDULER_JOBSTORES_MONGO_COLLECTION", "tasks", "APSCHEDULER_JOBSTORES_MONGO_RUNS_COLLECTION",
                "task_runs"))).containsExactlyInAnyOrderEntriesOf(Map.of("type", "mongodb", "uri",
                        "mongodb://db:27017", "database", "ops", "collection", "tasks", "runs_collection", "task_runs"));
    }

    @Test
    void everyExecutorOptionBindsFromEnvironmentVariables() {
        assertThat(entry("executors", "default", Map.of("APSCHEDULER_EXECUTORS_DEFAULT_TYPE", "threadpool",
                "APSCHEDULER_EXECUTORS_DEFAULT_MAX_WORKERS", "20"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "type", "threadpool", "max_workers", 20));
        assertThat(entry("executors", "pool", Map.of("APSCHEDULER_EXECUTORS_POOL_TYPE", "processpool",
                "APSCHEDULER_EXECUTORS_POOL_MAX_WORKERS", "2", "APSCHEDULER_EXECUTORS_POOL_JVM_ARGS",
                "-Xmx64m -Dreports.dir=/tmp"))).containsExactlyInAnyOrderEntriesOf(Map.of("type", "processpool",
                        "max_workers", 2, "jvm_args", "-Xmx64m -Dreports.dir=/tmp"));
    }

    @Test
    void theOptionsOfAClassOfTheApplicationsOwnBindFromEnvironmentVariablesInSnakeCase() {
        assertThat(entry("executors", "tuned", Map.of("APSCHEDULER_EXECUTORS_TUNED_CLASS", TunedExecutor.class.getName(),
                "APSCHEDULER_EXECUTORS_TUNED_OPTIONS_QUEUE_SIZE", "50", "APSCHEDULER_JOBSTORES_CUSTOM_CLASS",
                "com.acme.Store"))).containsExactlyInAnyOrderEntriesOf(Map.of("class", TunedExecutor.class.getName(),
                        "queue_size", "50"));
        assertThat(entry("jobstores", "custom", Map.of("APSCHEDULER_JOBSTORES_CUSTOM_CLASS", "com.acme.Store",
                "APSCHEDULER_JOBSTORES_CUSTOM_OPTIONS_FLUSH_EVERY", "5")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("class", "com.acme.Store", "flush_every", "5"));
    }

    @Test
    void maxWorkersFromTheEnvironmentSizesTheDefaultExecutor() {
        contextRunner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                environment(Map.of("APSCHEDULER_EXECUTORS_DEFAULT_MAX_WORKERS", "20")))).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(((ThreadPoolJobExecutor) context.getBean(Scheduler.class).executors().get("default"))
                            .maxWorkers()).isEqualTo(20);
                });
    }

    @Test
    void jdbcStoreFromTheEnvironmentMakesItsNamedTable() {
        String url = "jdbc:h2:mem:environment-store;DB_CLOSE_DELAY=-1";
        contextRunner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                environment(Map.of("APSCHEDULER_JOBSTORES_DEFAULT_TYPE", "sqlalchemy",
                        "APSCHEDULER_JOBSTORES_DEFAULT_URL", url, "APSCHEDULER_JOBSTORES_DEFAULT_TABLENAME",
                        "env_jobs", "APSCHEDULER_JOBSTORES_DEFAULT_INITIALIZE_SCHEMA", "always")))).run(context -> {
                            assertThat(context).hasNotFailed();
                            assertThat(new JdbcTemplate(new DriverManagerDataSource(url)).queryForObject(
                                    "SELECT COUNT(*) FROM env_jobs", Integer.class)).isZero();
                        });
    }

    @Test
    void classOptionsReachItsConstructorFromTheEnvironmentAndBesideClassAsBefore() {
        contextRunner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                environment(Map.of("APSCHEDULER_EXECUTORS_TUNED_CLASS", TunedExecutor.class.getName(),
                        "APSCHEDULER_EXECUTORS_TUNED_OPTIONS_QUEUE_SIZE", "50"))))
                .withPropertyValues("apscheduler.executors.tuned.burst-limit=3").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(((TunedExecutor) context.getBean(Scheduler.class).executors().get("tuned")).options())
                            .containsExactlyInAnyOrderEntriesOf(Map.of("queue_size", "50", "burst_limit", "3"));
                });
    }

    @Test
    void optionsOfABuiltInTypeInYamlListFormBind() {
        contextRunner.withPropertyValues("apscheduler.executors.pool.type=processpool",
                "apscheduler.executors.pool.jvm_args[0]=-Xmx64m", "apscheduler.executors.pool.jvm_args[1]=-Da=b c")
                .run(context -> assertThat(context).hasNotFailed());
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new org.springframework.core.env.MapPropertySource("yaml", Map.of(
                "apscheduler.executors.pool.type", "processpool", "apscheduler.executors.pool.jvm_args[0]", "-Xmx64m",
                "apscheduler.executors.pool.jvm_args[1]", "-Da=b c")));
        assertThat(entry(sources, "executors", "pool")).containsEntry("jvm_args", List.of("-Xmx64m", "-Da=b c"));
    }

    @Test
    void anUnknownKeyOfABuiltInTypeStopsStartUpNamingTheProperty() {
        contextRunner.withPropertyValues("apscheduler.executors.default.type=threadpool",
                "apscheduler.executors.default.max_worker=20").run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("apscheduler.executors.default.max_worker")
                        .hasMessageContaining("max_workers"));
    }

    @Test
    void misfireGraceTimeNoneMeansNoLimit() {
        contextRunner.withPropertyValues("apscheduler.job_defaults.misfire_grace_time=none").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(((AbstractScheduler) context.getBean(Scheduler.class)).config().jobDefaults()
                    .misfireGraceTime()).isNull();
        });
        contextRunner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                environment(Map.of("APSCHEDULER_JOB_DEFAULTS_MISFIRE_GRACE_TIME", "2m")))).run(context -> assertThat(
                        ((AbstractScheduler) context.getBean(Scheduler.class)).config().jobDefaults()
                                .misfireGraceTime()).isEqualTo(Duration.ofMinutes(2)));
    }

    @Test
    void anEmptyMisfireGraceTimeStopsStartUpNamingTheProperty() {
        contextRunner.withPropertyValues("apscheduler.job_defaults.misfire_grace_time=").run(context -> assertThat(
                context).getFailure().rootCause().hasMessageContaining("apscheduler.job_defaults.misfire_grace_time"));
    }

    /** One entry as the engine's factories receive it, bound from {@code variables} as the process's environment. */
    private static Map<String, Object> entry(String group, String alias, Map<String, Object> variables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(environment(variables));
        return entry(sources, group, alias);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(MutablePropertySources sources, String group, String alias) {
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));
        ApSchedulerProperties properties = binder.bindOrCreate("apscheduler", ApSchedulerProperties.class);
        Map<String, Object> config = ApSchedulerConfigFactory.toConfigMap(properties, binder);
        return new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) config.get(group)).get(alias));
    }

    // a name ending in -systemEnvironment: Spring maps its names as it maps the process's environment
    private static SystemEnvironmentPropertySource environment(Map<String, Object> variables) {
        return new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                variables);
    }
}
