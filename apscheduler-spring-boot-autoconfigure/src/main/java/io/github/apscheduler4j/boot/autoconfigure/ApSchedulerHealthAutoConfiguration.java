package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.actuate.health.ApSchedulerHealthContributor;
import io.github.apscheduler4j.scheduler.Scheduler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code apscheduler} health contributor (the scheduler's liveness and one contributor per
 * job store), when Spring Boot's health support is on the class path; {@code management.health.apscheduler.enabled=false}
 * turns it off.
 */
@AutoConfiguration(after = ApSchedulerAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Scheduler.class)
@ConditionalOnEnabledHealthIndicator("apscheduler")
public final class ApSchedulerHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"apschedulerHealthIndicator", "apschedulerHealthContributor"})
    ApSchedulerHealthContributor apschedulerHealthContributor(Scheduler scheduler, ApSchedulerProperties properties) {
        return new ApSchedulerHealthContributor(scheduler, properties.isAutoStart());
    }
}
