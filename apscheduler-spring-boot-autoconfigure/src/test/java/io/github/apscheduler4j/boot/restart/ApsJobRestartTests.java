package io.github.apscheduler4j.boot.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.test.ChildJvm;
import io.github.apscheduler4j.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deploy does not undo an operator: a job paused through {@code /actuator/apsjobs} stays paused after the application
 * is killed with SIGKILL and started again, with the same next run time, and an interval {@code @ApsJob} keeps its
 * phase. The first run of the {@link RestartedApplication} is a JVM of its own, killed; the second runs in this JVM on
 * the same store. Both are asked over HTTP.
 */
class ApsJobRestartTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void onAnH2File() throws Exception {
        // H2 writes a commit to its file up to WRITE_DELAY (500 ms) later: the pause, made just before the kill,
        // would be lost by the database, not by the scheduler
        restartKeepsWhatTheOperatorDid("h2-file", "--apscheduler.jobstores.default.type=sqlalchemy",
                "--apscheduler.jobstores.default.url=jdbc:h2:file:" + directory.resolve("jobs") + ";WRITE_DELAY=0");
    }

    @Test
    void onPostgreSql() throws Exception {
        String url = TestDatabase.postgresUrl();
        String table = "restart_jobs_" + Long.toString(System.nanoTime(), 36);
        try {
            restartKeepsWhatTheOperatorDid("postgresql", "--apscheduler.jobstores.default.type=sqlalchemy",
                    "--apscheduler.jobstores.default.url=" + url, "--apscheduler.jobstores.default.tablename=" + table,
                    "--apscheduler.jobstores.default.initialize_schema=always");
        } finally {
            try (Connection connection = TestDatabase.postgres().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private void restartKeepsWhatTheOperatorDid(String name, String... store) throws Exception {
        String heartbeatNextRun;
        ChildJvm first = ChildJvm.start("restart-logs", getClass().getSimpleName() + "-" + name,
                RestartedApplication.class, List.of(store));
        try {
            String base = "http://localhost:" + first.awaitLine(RestartedApplication.READY + " ", Duration.ofSeconds(90));
            JsonNode paused = post(base + "/actuator/apsjobs/nightly", "{\"action\": \"pause\"}");
            assertThat(paused.get("job").get("paused").asBoolean()).as("paused through the endpoint").isTrue();
            heartbeatNextRun = get(base + "/actuator/apsjobs/heartbeat").get("nextRunTime").asString();
            first.kill();
        } finally {
            first.destroy();
        }

        Instant restarted = Instant.now();
        try (ConfigurableApplicationContext second = RestartedApplication.start(store)) {
            String base = "http://localhost:" + RestartedApplication.port(second);
            JsonNode nightly = get(base + "/actuator/apsjobs/nightly");
            assertThat(nightly.get("paused").asBoolean()).as("nightly, paused before the kill").isTrue();
            assertThat(nightly.has("nextRunTime")).isFalse();
            JsonNode heartbeat = get(base + "/actuator/apsjobs/heartbeat");
            assertThat(heartbeat.get("nextRunTime").asString()).as("the heartbeat's next run time, an hour after the"
                    + " first start rather than after this one").isEqualTo(heartbeatNextRun);
            assertThat(Instant.parse(heartbeatNextRun)).isBefore(restarted.plus(Duration.ofHours(1)));
        }
    }

    private static JsonNode get(String uri) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
    }

    private static JsonNode post(String uri, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
