package io.github.apscheduler4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample after Spring Boot's AOT processing ({@code spring-boot:process-aot}, run by the package phase), started
 * with {@code -Dspring.aot.enabled=true}: its beans come from the generated code instead of scanning and conditions,
 * and its {@code @ApsJob} methods still become jobs that run. Run by Failsafe, after the package phase.
 */
class SampleAotIT {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void startsFromTheGeneratedCodeAndRunsItsJobs() throws Exception {
        try (SampleProcess sample = SampleProcess.start(List.of("-Dspring.aot.enabled=true"), Map.of(),
                "--sample.heartbeat-seconds=1").awaitPort()) {
            assertThat(sample.output()).as("the sample's output")
                    .anyMatch(line -> line.contains("Starting AOT-processed SampleApplication"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    json.readTree(sample.get("/actuator/health").body()).get("status").asString()).isEqualTo("UP"));

            JsonNode scheduler = json.readTree(sample.get("/actuator/apsjobs").body());
            assertThat(scheduler.get("state").asString()).isEqualTo("RUNNING");
            List<String> ids = new ArrayList<>();
            scheduler.get("jobs").forEach(job -> ids.add(job.get("id").asString()));
            assertThat(ids).contains("heartbeat", "report", "cleanup", "weekend-cleanup", "reminder", "greeting",
                    "invoices", "crunch", "digest");

            // a declared job's run calls its bean method by reflection, on its own schedule
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode heartbeat = json.readTree(sample.get("/actuator/apsjobs/heartbeat").body());
                assertThat(heartbeat.get("runs")).isNotEmpty();
                assertThat(heartbeat.get("runs").get(0).get("outcome").asString()).isEqualTo("SUCCESS");
            });
            assertThat(sample.post("/actuator/apsjobs/greeting", "{\"action\": \"run\"}").statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> sample.output().stream()
                    .anyMatch(line -> line.endsWith("Hello, world!")));

            assertThat(sample.get("/apscheduler/").statusCode()).as("the dashboard's page").isEqualTo(200);
        }
    }
}
