package io.github.apscheduler4j.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample started as a container starts it, in a process of its own whose environment sets an executor option:
 * {@code APSCHEDULER_EXECUTORS_DEFAULT_MAX_WORKERS=7} wins over the 20 of its {@code application.yml}.
 */
class SampleEnvironmentTests {

    @Test
    void maxWorkersFromTheEnvironmentShowsInTheEndpoint() throws Exception {
        try (SampleProcess sample = SampleProcess.start(List.of(),
                Map.of("APSCHEDULER_EXECUTORS_DEFAULT_MAX_WORKERS", "7"), "--apscheduler.dashboard.enabled=false")
                .awaitPort()) {
            JsonNode executor = JsonMapper.builder().build().readTree(sample.get("/actuator/apsjobs").body())
                    .get("executors").get("default");
            assertThat(executor.get("description").asString()).isEqualTo("ThreadPoolJobExecutor(max_workers=7)");
        }
    }
}
