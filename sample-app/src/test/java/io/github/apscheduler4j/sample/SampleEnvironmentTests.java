package io.github.apscheduler4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample started as a container starts it, in a process of its own whose environment sets an executor option:
 * {@code APSCHEDULER_EXECUTORS_DEFAULT_MAX_WORKERS=7} wins over the 20 of its {@code application.yml}.
 */
class SampleEnvironmentTests {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (?:\\(s\\): )?(\\d+)");

    @Test
    void maxWorkersFromTheEnvironmentShowsInTheEndpoint() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                SampleApplication.class.getName(), "--server.port=0", "--apscheduler.dashboard.enabled=false"))
                .redirectErrorStream(true);
        builder.environment().put("APSCHEDULER_EXECUTORS_DEFAULT_MAX_WORKERS", "7");
        Process sample = builder.start();
        try {
            AtomicInteger port = new AtomicInteger();
            Thread reader = new Thread(() -> readPort(sample, port), "sample-output");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> port.get() > 0 || !sample.isAlive());
            assertThat(port.get()).as("the sample's port (it exited: %s)", !sample.isAlive()).isPositive();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port.get() + "/actuator/apsjobs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode executor = JsonMapper.builder().build().readTree(response.body()).get("executors").get("default");
            assertThat(executor.get("description").asString()).isEqualTo("ThreadPoolJobExecutor(max_workers=7)");
        } finally {
            sample.destroy();
            if (!sample.waitFor(30, TimeUnit.SECONDS)) {
                sample.destroyForcibly();
            }
        }
    }

    private static void readPort(Process sample, AtomicInteger port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(sample.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher matcher = PORT.matcher(line);
                if (matcher.find()) {
                    port.set(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended; the test sees no port
        }
    }
}
