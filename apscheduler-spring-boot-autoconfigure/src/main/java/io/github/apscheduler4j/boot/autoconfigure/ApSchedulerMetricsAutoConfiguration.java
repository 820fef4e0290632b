package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.actuate.metrics.ApSchedulerMetrics;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the scheduler's Micrometer meters ({@link ApSchedulerMetrics}), when the application has a
 * meter registry.
 */
@AutoConfiguration(after = ApSchedulerAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, Scheduler.class })
public final class ApSchedulerMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ApSchedulerMetrics apSchedulerMetrics(Scheduler scheduler) {
        return new ApSchedulerMetrics(scheduler);
    }
}
