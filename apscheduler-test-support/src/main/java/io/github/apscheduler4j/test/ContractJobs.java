package io.github.apscheduler4j.test;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Jobs for the contract suites: persistable (their target is a reference) and fully populated. */
public final class ContractJobs {

    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** The reference every contract job runs: {@link #noop()}. */
    public static final String NOOP = ClassTargetResolver.reference(ContractJobs.class, "noop");

    private ContractJobs() {
    }

    /** Does nothing: the target of contract jobs. */
    public static void noop() {
    }

    /** A job due at {@code nextRunTime}, running every minute, with arguments and non-default settings. */
    public static Job job(String id, Instant nextRunTime) {
        return Job.builder()
                .id(id)
                .name("contract job " + id)
                .target(JobTarget.of(NOOP, (args, kwargs) -> null))
                .trigger(Triggers.create("interval", Map.of("minutes", 1, "start_date", "2026-01-01T00:00:00+01:00"), ZONE))
                .args(List.of(1, "two", List.of(3.5, true)))
                .kwargs(Map.of("name", "value", "nested", Map.of("n", 4)))
                .executor("default")
                .coalesce(false)
                .maxInstances(3)
                .misfireGraceTime(Duration.ofSeconds(30))
                .nextRunTime(nextRunTime == null ? null : nextRunTime.atZone(ZONE))
                .build();
    }
}
