package io.github.apscheduler4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sample as a user runs it: on a random port, its jobs read and changed over HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void listsEveryJobWithItsNextRunTime() throws Exception {
        JsonNode scheduler = json.readTree(get("/actuator/apsjobs").body());
        assertThat(scheduler.get("state").asString()).isEqualTo("RUNNING");
        assertThat(scheduler.get("timezone").asString()).isEqualTo("UTC");
        assertThat(scheduler.get("executors").get("default").get("description").asString())
                .isEqualTo("ThreadPoolJobExecutor(max_workers=20)");
        List<String> ids = new ArrayList<>();
        for (JsonNode job : scheduler.get("jobs")) {
            ids.add(job.get("id").asString());
            assertThat(job.get("nextRunTime").asString()).as("next run time of %s", job.get("id")).isNotBlank();
            assertThat(job.get("maxInstances").asInt()).isEqualTo(3);
            assertThat(job.get("coalesce").asBoolean()).isFalse();
            assertThat(job.get("misfireGraceTime").asString()).isEqualTo("PT30S");
        }
        assertThat(ids).contains("heartbeat", "report", "cleanup", "weekend-cleanup", "reminder", "greeting",
                "invoices", "crunch");
        JsonNode invoices = json.readTree(get("/actuator/apsjobs/invoices").body());
        assertThat(invoices.get("trigger").get("type").asString()).isEqualTo("calendarinterval");
        assertThat(invoices.get("args").get(0).asString()).isEqualTo("monthly");
    }

    @Test
    void jobsRunAndTheirRunsShowUp() throws Exception {
        assertThat(post("/actuator/apsjobs/greeting", "run").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode greeting = json.readTree(get("/actuator/apsjobs/greeting").body());
            assertThat(greeting.get("kwargs").get("punctuation").asString()).isEqualTo("!");
            assertThat(greeting.get("runs")).isNotEmpty();
            assertThat(greeting.get("runs").get(0).get("outcome").asString()).isEqualTo("SUCCESS");
        });
    }

    @Test
    void runsTheNumberCrunchingInAWorkerProcess() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode crunch = json.readTree(get("/actuator/apsjobs/crunch").body());
            assertThat(crunch.get("executor").asString()).isEqualTo("processpool");
            assertThat(crunch.get("runs")).isNotEmpty();
            assertThat(crunch.get("runs").get(0).get("outcome").asString()).isEqualTo("SUCCESS");
        });
    }

    @Test
    void pausesAndResumesAJobOverHttp() throws Exception {
        HttpResponse<String> paused = post("/actuator/apsjobs/report", "pause");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json.readTree(paused.body()).get("job").get("paused").asBoolean()).isTrue();
        HttpResponse<String> resumed = post("/actuator/apsjobs/report", "resume");
        assertThat(json.readTree(resumed.body()).get("job").get("paused").asBoolean()).isFalse();
    }

    @Test
    void unknownJobIsNotFound() throws Exception {
        assertThat(get("/actuator/apsjobs/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void healthIncludesTheScheduler() throws Exception {
        JsonNode health = json.readTree(get("/actuator/health").body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("apscheduler").get("status").asString()).isEqualTo("UP");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String action) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"" + action + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
