package io.github.apscheduler4j.boot.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        KilledApplication first = KilledApplication.start(name, store);
        try {
            String base = "http://localhost:" + first.awaitPort(Duration.ofSeconds(90));
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

    /** The application's first run: a JVM of its own, with its output in {@code target/restart-logs/}. */
    private record KilledApplication(Process process, Path log) {

        static KilledApplication start(String name, String... store) throws IOException {
            Path logs = Path.of("target", "restart-logs");
            Files.createDirectories(logs);
            Path log = logs.resolve(ApsJobRestartTests.class.getSimpleName() + "-" + name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC",
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    RestartedApplication.class.getName()));
            command.addAll(List.of(store));
            return new KilledApplication(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(), log);
        }

        int awaitPort(Duration timeout) {
            String ready = RestartedApplication.READY + " ";
            await("the application's start").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the application exited with " + process.exitValue() + ":\n"
                            + output());
                }
                return output().contains(ready);
            });
            String line = output().lines().filter(each -> each.startsWith(ready)).findFirst().orElseThrow();
            return Integer.parseInt(line.substring(ready.length()).trim());
        }

        /** SIGKILL: no shutdown hook, no clean-up, no graceful stop of the scheduler or the store. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the application killed").isTrue();
        }

        void destroy() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }

        private String output() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
