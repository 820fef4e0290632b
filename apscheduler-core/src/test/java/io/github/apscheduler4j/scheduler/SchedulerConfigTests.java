package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.job.RunPolicy;
import io.github.apscheduler4j.store.MemoryJobStore;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** APScheduler's dict configuration, nested and dotted, and its errors. */
class SchedulerConfigTests {

    @Test
    void readsApschedulersDictConfiguration() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apscheduler.timezone", "Europe/Berlin");
        config.put("apscheduler.jobstores.default", Map.of("type", "memory"));
        config.put("apscheduler.executors.default", Map.of("class", "apscheduler.executors.pool:ThreadPoolExecutor",
                "max_workers", "20"));
        config.put("apscheduler.executors.debug.type", "debug");
        config.put("apscheduler.job_defaults.coalesce", "false");
        config.put("apscheduler.job_defaults.max_instances", 3);
        config.put("apscheduler.job_defaults.misfire_grace_time", 30);

        SchedulerConfig parsed = SchedulerConfig.fromMap(withoutPrefix(config), "apscheduler.");

        assertThat(parsed.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(parsed.jobstores().get("default")).isInstanceOf(MemoryJobStore.class);
        assertThat(parsed.executors().get("default")).isInstanceOfSatisfying(ThreadPoolJobExecutor.class,
                executor -> assertThat(executor.maxWorkers()).isEqualTo(20));
        assertThat(parsed.executors().get("debug")).isInstanceOf(DirectJobExecutor.class);
        assertThat(parsed.jobDefaults()).isEqualTo(new JobDefaults(false, 3, Duration.ofSeconds(30)));
    }

    private static Map<String, Object> withoutPrefix(Map<String, Object> config) {
        Map<String, Object> stripped = new LinkedHashMap<>();
        config.forEach((key, value) -> stripped.put(key.substring("apscheduler.".length()), value));
        return stripped;
    }

    @Test
    void acceptsKebabCaseAndAClassWithoutFactory() {
        SchedulerConfig parsed = SchedulerConfig.fromMap(Map.of(
                "executors", Map.of("pool", Map.of("type", "threadpool", "max-workers", 4)),
                "jobstores", Map.of("mine", Map.of("class", MemoryJobStore.class.getName())),
                "job-defaults", Map.of("misfire-grace-time", "none")), "apscheduler.");

        assertThat(((ThreadPoolJobExecutor) parsed.executors().get("pool")).maxWorkers()).isEqualTo(4);
        assertThat(parsed.jobstores().get("mine")).isInstanceOf(MemoryJobStore.class);
        assertThat(parsed.jobDefaults().misfireGraceTime()).isNull();
    }

    @Test
    void readsTheRunPolicyDefaultsAndTheLeaseSettings() {
        SchedulerConfig parsed = SchedulerConfig.fromMap(Map.of(
                "job_defaults", Map.of("recovery", "rerun", "retries", 0, "retry_backoff", "30s"),
                "lease_duration", "20s", "lease_renewal_interval", 5), "apscheduler.");

        assertThat(parsed.jobDefaults().runPolicy()).isEqualTo(new RunPolicy(Recovery.RERUN, 0, Duration.ofSeconds(30)));
        assertThat(parsed.leaseDuration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(parsed.leaseRenewalInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(SchedulerConfig.fromMap(Map.of("job_defaults", Map.of("retries", "3")), "")
                .jobDefaults().runPolicy().retries()).isEqualTo(3);
    }

    @Test
    void namesTheRunPolicyOrLeasePropertyAtFault() {
        assertError(Map.of("job_defaults", Map.of("retries", -1)), "apscheduler.job_defaults.retries",
                "must be at least 0");
        assertError(Map.of("job_defaults", Map.of("recovery", "twice")), "apscheduler.job_defaults.recovery",
                "none or rerun");
        assertError(Map.of("job_defaults", Map.of("retry_backoff", "0s")), "apscheduler.job_defaults.retry_backoff",
                "must be positive");
        assertError(Map.of("lease_duration", "none"), "apscheduler.lease_duration", "must be a duration");
        assertThatThrownBy(() -> SchedulerConfig.fromMap(Map.of("lease_duration", "2s"), "apscheduler."))
                .hasMessageContaining("lease_renewal_interval").hasMessageContaining("lease_duration");
    }

    @Test
    void namesThePropertyAtFault() {
        assertError(Map.of("timezone", "Mars/Olympus"), "apscheduler.timezone", "is not a known time zone");
        assertError(Map.of("jobstores", Map.of("main", Map.of("type", "nope"))), "apscheduler.jobstores.main.type",
                "unknown job store type; known types: memory");
        assertError(Map.of("executors", Map.of("default", Map.of("type", "threadpool", "max_workers", 0))),
                "apscheduler.executors.default.max_workers", "must be at least 1");
        assertError(Map.of("executors", Map.of("default", Map.of("type", "threadpool", "workers", 2))),
                "apscheduler.executors.default.workers", "unknown option; known options: [max_workers]");
        assertError(Map.of("executors", Map.of("x", Map.of("class", "com.acme.Missing"))),
                "apscheduler.executors.x.class", "class not found");
        assertError(Map.of("job_defaults", Map.of("max_instances", "many")), "apscheduler.job_defaults.max_instances",
                "must be a whole number");
        assertError(Map.of("jobstore", Map.of()), "apscheduler.jobstore", "unknown option");
        assertError(Map.of("jobstores", Map.of("default", Map.of("type", "sqlalchemy"))),
                "apscheduler.jobstores.default.type", "(add apscheduler-jdbc to the class path)");
    }

    private static void assertError(Map<String, ?> config, String property, String problem) {
        assertThatThrownBy(() -> SchedulerConfig.fromMap(config, "apscheduler."))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.property()).isEqualTo(property);
                    assertThat(e.problem()).contains(problem);
                });
    }

    @Test
    void checksEachBuilderValueAsItIsGiven() {
        assertThatThrownBy(() -> new JobDefaults(true, 0, null)).hasMessage("max_instances must be at least 1 but was 0");
        assertThatThrownBy(() -> new ThreadPoolJobExecutor(0)).hasMessage("max_workers must be at least 1 but was 0");
        assertThatThrownBy(() -> SchedulerConfig.builder().jobstoreRetryInterval(Duration.ZERO))
                .hasMessage("jobstore_retry_interval must be positive but was PT0S");
    }
}
