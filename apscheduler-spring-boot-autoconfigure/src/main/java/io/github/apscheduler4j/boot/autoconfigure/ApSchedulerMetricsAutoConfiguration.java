package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.actuate.metrics.ApSchedulerMetrics;
import io.github.apscheduler4j.boot.actuate.metrics.JobTags;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the scheduler's Micrometer meters ({@link ApSchedulerMetrics}), when the application has a
 * meter registry, with the bounded {@link JobTags} they share with the run observations.
 */
@AutoConfiguration(after = ApSchedulerAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, Scheduler.class })
@EnableConfigurationProperties(ApSchedulerMetricsProperties.class)
public final class ApSchedulerMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JobTags apSchedulerJobTags(ApSchedulerMetricsProperties properties) {
        return new JobTags(properties.getMaxJobTags());
    }

    @Bean
    @ConditionalOnMissingBean
    ApSchedulerMetrics apSchedulerMetrics(Scheduler scheduler, JobTags jobTags) {
        return new ApSchedulerMetrics(scheduler, jobTags, Clock.systemUTC());
    }
}
