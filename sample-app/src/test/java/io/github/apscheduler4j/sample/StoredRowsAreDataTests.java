package io.github.apscheduler4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rows, written into the sample's H2 file store between two starts: {@code java.lang.System::exit} with
 * {@code args: [3]} due now, {@code bean:dataSource.close} (the application's pool, which the store uses) and
 * {@code java.lang.Runtime}. At the next start each is
 * refused with a message naming its target, the application keeps running its other jobs, and the rows stay in the
 * table as written.
 */
class StoredRowsAreDataTests {

    private static final Map<String, String> REFUSED = Map.of(
            "exit", "java.lang.System::exit",
            "close-data-source", "bean:dataSource.close",
            "runtime", "java.lang.Runtime");

    @TempDir
    Path directory;

    private ConfigurableApplicationContext start(String url) {
        // on the application's DataSource, so that a bean named dataSource exists
        return new SpringApplicationBuilder(SampleApplication.class, ApplicationDataSource.class).run(
                "--server.port=0", "--sample.jobs-url=" + url, "--apscheduler.jobstores.default.type=sqlalchemy",
                "--apscheduler.store-poll-interval=200ms", "--sample.heartbeat-seconds=1");
    }

    @Test
    void rowsNamingTheJdkOrAnyBeanMethodAreRefusedKeptAndTheOtherJobsRun() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("jobs") + ";DB_CLOSE_DELAY=0";
        start(url).close();
        Map<String, String> written = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url)) {
            String heartbeat = state(connection, "heartbeat");
            long now = System.currentTimeMillis();
            for (Map.Entry<String, String> row : REFUSED.entrySet()) {
                String state = heartbeat.replace("\"id\":\"heartbeat\"", "\"id\":\"" + row.getKey() + "\"")
                        .replace("bean:sampleJobs.heartbeat", row.getValue())
                        .replace("\"args\":[]", "\"args\":[3]")
                        // rows added through the API, not declared by an @ApsJob
                        .replace(",\"declared\":true", "");
                assertThat(state).contains(row.getValue()).contains("\"args\":[3]");
                try (PreparedStatement insert = connection.prepareStatement("insert into apscheduler_jobs (id,"
                        + " next_run_time, version, job_state) values (?, ?, 1, ?)")) {
                    insert.setString(1, row.getKey());
                    insert.setLong(2, now - 1000);
                    insert.setString(3, state);
                    insert.executeUpdate();
                }
                written.put(row.getKey(), state);
            }
        }

        try (ConfigurableApplicationContext application = start(url)) {
            Scheduler scheduler = application.getBean(Scheduler.class);
            List<String> executed = new CopyOnWriteArrayList<>();
            scheduler.addListener(event -> {
                if (event instanceof SchedulerEvent.JobExecuted run) {
                    executed.add(run.jobId());
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.jobsNotRunnableHere().keySet()
                    .containsAll(REFUSED.keySet()));
            REFUSED.forEach((id, target) -> assertThat(scheduler.jobsNotRunnableHere().get(id))
                    .contains("job target '" + target + "' is refused"));
            assertThat(scheduler.jobsNotRunnableHere().get("exit")).contains("java.lang.System is in java.*");
            assertThat(scheduler.jobsNotRunnableHere().get("close-data-source"))
                    .contains("not annotated @ApsJob");

            await().atMost(Duration.ofSeconds(20)).until(() -> executed.stream().filter("heartbeat"::equals).count()
                    >= 3);
            assertThat(application.isRunning()).isTrue();
            assertThat(executed).doesNotContainAnyElementsOf(REFUSED.keySet());
            try (Connection connection = DriverManager.getConnection(url)) {
                for (Map.Entry<String, String> row : written.entrySet()) {
                    assertThat(state(connection, row.getKey())).as("row %s as written", row.getKey())
                            .isEqualTo(row.getValue());
                    assertThat(version(connection, row.getKey())).isEqualTo(1);
                }
            }
        }
    }

    /** The pool an application would have from spring.datasource.*, as a bean named dataSource. */
    @Configuration(proxyBeanMethods = false)
    static class ApplicationDataSource {

        @Bean
        HikariDataSource dataSource(@Value("${sample.jobs-url}") String url) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(url);
            return pool;
        }
    }

    private static String state(Connection connection, String id) throws Exception {
        return column(connection, id, "job_state");
    }

    private static long version(Connection connection, String id) throws Exception {
        return Long.parseLong(column(connection, id, "version"));
    }

    private static String column(Connection connection, String id, String column) throws Exception {
        try (PreparedStatement select = connection.prepareStatement("select " + column + " from apscheduler_jobs"
                + " where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("row %s", id).isTrue();
                return row.getString(1);
            }
        }
    }
}
