package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.mongodb.MongoJobStore;
import io.github.apscheduler4j.redis.RedisJobStore;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.test.TestDatabase;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code type: sqlalchemy | jdbc | mongodb | redis}: on the application's connection, or on the entry's own. */
class ApSchedulerJobStoreAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class))
            .withPropertyValues("apscheduler.job-targets.allowed=" + ApSchedulerJobStoreAutoConfigurationTests.class.getName());

    /** The target of the jobs these tests store. */
    public static void noop() {
    }

    private static JobSpec job(String id) {
        return JobSpec.builder(ClassTargetResolver.reference(ApSchedulerJobStoreAutoConfigurationTests.class, "noop"))
                .id(id).trigger("cron", Map.of("hour", 3)).build();
    }

    private static DataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    /** A {@code type: sqlalchemy} store without url, so on {@code dataSource}, in table {@code tablename}. */
    private ApplicationContextRunner jdbcStoreOn(DataSource dataSource, String tablename) {
        return contextRunner.withBean(DataSource.class, () -> dataSource).withPropertyValues(
                "apscheduler.jobstores.default.type=sqlalchemy", "apscheduler.jobstores.default.tablename=" + tablename);
    }

    @Test
    void jdbcStoreWithoutUrlUsesTheApplicationsDataSource() {
        DataSource dataSource = h2("jdbc:h2:mem:app;DB_CLOSE_DELAY=-1");
        jdbcStoreOn(dataSource, "scheduled_jobs").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.jobStores().get("default")).isInstanceOf(JdbcJobStore.class);

            scheduler.addJob(job("nightly"));

            assertThat(new JdbcTemplate(dataSource).queryForObject(
                    "SELECT COUNT(*) FROM scheduled_jobs WHERE id = 'nightly'", Integer.class)).isEqualTo(1);
        });
    }

    @Test
    void jdbcStoreWithUrlKeepsJobsAcrossRestarts(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath();
        ApplicationContextRunner withFileStore = contextRunner.withPropertyValues(
                "apscheduler.jobstores.default.type=jdbc", "apscheduler.jobstores.default.url=" + url);
        ZonedDateTime[] nextRunTime = new ZonedDateTime[1];

        withFileStore.run(context -> nextRunTime[0] = context.getBean(Scheduler.class).addJob(job("nightly")).job()
                .nextRunTime());
        withFileStore.run(context -> {
            assertThat(context.getBean(Scheduler.class).getJob("nightly")).isNotNull()
                    .satisfies(job -> assertThat(job.nextRunTime().toInstant()).isEqualTo(nextRunTime[0].toInstant()));
        });
    }

    @Test
    void jdbcStoreWithoutUrlOrDataSourceFailsNamingTheProperty() {
        contextRunner.withPropertyValues("apscheduler.jobstores.default.type=sqlalchemy").run(context -> {
            assertThat(context).hasFailed();
            ApSchedulerConfigurationException failure = configurationFailure(context.getStartupFailure());
            assertThat(failure.property()).isEqualTo("apscheduler.jobstores.default.url");
            assertThat(failure).hasMessageContaining("the application has no DataSource bean");
        });
    }

    @Test
    void jdbcStoreOnTheApplicationsDataSourceWithABadTableNameFailsNamingTheProperty() {
        jdbcStoreOn(h2("jdbc:h2:mem:bad-table;DB_CLOSE_DELAY=-1"), "my jobs").run(context -> {
            assertThat(context).hasFailed();
            ApSchedulerConfigurationException failure = configurationFailure(context.getStartupFailure());
            assertThat(failure.property()).isEqualTo("apscheduler.jobstores.default.tablename");
            FailureAnalysis analysis = new ApSchedulerConfigurationFailureAnalyzer()
                    .analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("Invalid value 'my jobs' for"
                    + " 'apscheduler.jobstores.default.tablename': must be a plain SQL identifier: a letter or _,"
                    + " then letters, digits or _, 40 characters at most");
            assertThat(analysis.getAction())
                    .isEqualTo("Update 'apscheduler.jobstores.default.tablename' in the application's configuration.");
        });
    }

    private static ApSchedulerConfigurationException configurationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApSchedulerConfigurationException configuration) {
                return configuration;
            }
        }
        throw new AssertionError("no ApSchedulerConfigurationException in " + failure);
    }

    @Test
    void mongoStoreWithoutUriUsesTheApplicationsMongoClient() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(server.getConnectionString())) {
            contextRunner.withBean(MongoClient.class, () -> client)
                    .withPropertyValues("apscheduler.jobstores.mongo.type=mongodb")
                    .run(context -> {
                        Scheduler scheduler = context.getBean(Scheduler.class);
                        assertThat(scheduler.jobStores().get("mongo")).isInstanceOf(MongoJobStore.class);

                        scheduler.addJob(JobSpec.builder(job("nightly").target()).id("nightly")
                                .trigger("cron", Map.of("hour", 3)).jobstore("mongo").build());

                        assertThat(client.getDatabase("apscheduler").getCollection("jobs").countDocuments()).isEqualTo(1);
                    });
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void mongoStoreOnTheApplicationsClientWithABadCollectionNameFailsNamingTheProperty() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(server.getConnectionString())) {
            contextRunner.withBean(MongoClient.class, () -> client)
                    .withPropertyValues("apscheduler.jobstores.mongo.type=mongodb",
                            "apscheduler.jobstores.mongo.collection=jobs$")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(configurationFailure(context.getStartupFailure()).property())
                                .isEqualTo("apscheduler.jobstores.mongo.collection");
                    });
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void redisStoreWithoutUrlUsesTheApplicationsRedisConnectionFactory() {
        String url = TestDatabase.redisUrl();
        String prefix = "apscheduler-boot-test:" + UUID.randomUUID() + ":";
        contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.url=" + url, "apscheduler.jobstores.cache.type=redis",
                        "apscheduler.jobstores.cache.key_prefix=" + prefix)
                .run(context -> {
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    assertThat(scheduler.jobStores().get("cache")).isInstanceOf(RedisJobStore.class);
                    StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
                    try {
                        scheduler.addJob(JobSpec.builder(job("nightly").target()).id("nightly")
                                .trigger("cron", Map.of("hour", 3)).jobstore("cache").build());

                        assertThat(redis.opsForHash().keys(prefix + "jobs")).containsExactly("nightly");
                    } finally {
                        redis.delete(List.copyOf(redis.keys(prefix + "*")));
                    }
                });
    }

    @Test
    void redisStoreWithABadKeyPrefixFailsNamingTheProperty() {
        contextRunner.withPropertyValues("apscheduler.jobstores.cache.type=redis",
                "apscheduler.jobstores.cache.url=redis://127.0.0.1:1", "apscheduler.jobstores.cache.key_prefix=a b")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(configurationFailure(context.getStartupFailure()).property())
                            .isEqualTo("apscheduler.jobstores.cache.key_prefix");
                });
    }

    @Test
    void redisStoreOnTheApplicationsConnectionBacksOffWithoutSpringDataRedis() {
        contextRunner.run(context -> assertThat(context).hasBean("apSchedulerRedisConnectionJobStores"));
        contextRunner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .run(context -> assertThat(context).doesNotHaveBean("apSchedulerRedisConnectionJobStores"));
    }
}
