package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an IDE completes under {@code apscheduler.*}: the generated metadata merged with the hand-written hints. */
class ApSchedulerConfigurationMetadataTests {

    @Test
    void everyPropertyIsDescribedAndTheEnginesDefaultsAreShown() throws Exception {
        JsonNode metadata = metadata();
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            names.add(name);
            if (name.startsWith("apscheduler.")) {
                assertThat(property.has("description")).as("description of %s", name).isTrue();
            }
        }
        assertThat(names).contains("apscheduler.enabled", "apscheduler.auto-start", "apscheduler.timezone",
                "apscheduler.jobstores", "apscheduler.executors", "apscheduler.job-defaults.coalesce",
                "apscheduler.job-defaults.max-instances", "apscheduler.job-defaults.misfire-grace-time",
                "apscheduler.job-defaults.recovery", "apscheduler.job-defaults.retries",
                "apscheduler.job-defaults.retry-backoff", "apscheduler.lease-duration",
                "apscheduler.lease-renewal-interval",
                "apscheduler.jobstore-retry-interval", "apscheduler.instance-id", "apscheduler.store-poll-interval",
                "apscheduler.shutdown.wait",
                "apscheduler.shutdown.await-termination", "apscheduler.history-size",
                "apscheduler.declared-jobs.orphans",
                "management.endpoint.apsjobs.show-values", "apscheduler.executors.default.type");
        assertThat(defaultValue(metadata, "apscheduler.job-defaults.max-instances")).isEqualTo("1");
        assertThat(defaultValue(metadata, "apscheduler.job-defaults.misfire-grace-time")).isEqualTo("1s");
        assertThat(defaultValue(metadata, "apscheduler.declared-jobs.orphans")).isEqualTo("keep");
        assertThat(defaultValue(metadata, "apscheduler.job-defaults.recovery")).isEqualTo("none");
        assertThat(defaultValue(metadata, "apscheduler.job-defaults.retries")).isEqualTo("0");
        assertThat(defaultValue(metadata, "apscheduler.job-defaults.retry-backoff")).isEqualTo("10s");
        assertThat(defaultValue(metadata, "apscheduler.lease-duration")).isEqualTo("10s");
        assertThat(defaultValue(metadata, "apscheduler.lease-renewal-interval")).isEqualTo("2s");
    }

    @Test
    void everyTypedStoreAndExecutorOptionIsDescribedUnderTheDefaultAlias() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata().get("properties")) {
            if (property.has("description")) {
                names.add(property.get("name").asString());
            }
        }
        ComponentOptions.STORE_KEYS.forEach(key -> assertThat(names).as("store option %s", key)
                .contains("apscheduler.jobstores.default." + key.replace('_', '-')));
        ComponentOptions.EXECUTOR_KEYS.forEach(key -> assertThat(names).as("executor option %s", key)
                .contains("apscheduler.executors.default." + key.replace('_', '-')));
    }

    @Test
    void typeValuesAreHinted() throws Exception {
        List<String> executorTypes = new ArrayList<>();
        List<String> storeTypes = new ArrayList<>();
        List<String> orphanPolicies = new ArrayList<>();
        List<String> recoveries = new ArrayList<>();
        for (JsonNode hint : metadata().get("hints")) {
            List<String> into = switch (hint.get("name").asString()) {
                case "apscheduler.executors.default.type" -> executorTypes;
                case "apscheduler.jobstores.default.type" -> storeTypes;
                case "apscheduler.declared-jobs.orphans" -> orphanPolicies;
                case "apscheduler.job-defaults.recovery" -> recoveries;
                default -> new ArrayList<>();
            };
            hint.get("values").forEach(value -> into.add(value.get("value").asString()));
        }
        assertThat(executorTypes).contains("threadpool", "debug", "processpool");
        assertThat(storeTypes).contains("memory", "sqlalchemy", "mongodb", "redis");
        assertThat(orphanPolicies).containsExactly("keep", "pause", "remove");
        assertThat(recoveries).containsExactly("none", "rerun");
    }

    private static String defaultValue(JsonNode metadata, String name) {
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property.get("defaultValue").asString();
            }
        }
        throw new AssertionError("no property " + name);
    }

    private static JsonNode metadata() throws Exception {
        try (InputStream in = ApSchedulerConfigurationMetadataTests.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }
}
