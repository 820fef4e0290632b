package io.github.apscheduler4j.boot;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;

/**
 * The job that the endpoint and dashboard tests look at: {@code nightly}, "Nightly report", daily at 03:00, with an
 * argument and a {@code password} keyword argument, so that they can check that the endpoint masks these and the
 * dashboard does not show them.
 */
public class NightlyJobConfiguration {

    @Bean
    public SmartInitializingSingleton nightlyJob(Scheduler scheduler) {
        return () -> scheduler.addJob(JobSpec.builder(() -> { }).id("nightly").name("Nightly report")
                .trigger("cron", Map.of("hour", 3)).args(List.of("monthly")).kwargs(Map.of("password", "secret"))
                .build());
    }
}
