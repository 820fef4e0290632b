package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.actuate.metrics.JobTags;
import io.github.apscheduler4j.boot.observation.JobExecutionObservationConvention;
import io.github.apscheduler4j.boot.observation.JobExecutionObservations;
import io.github.apscheduler4j.boot.observation.JobExecutionObservations.TraceRootScope;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of an {@code apscheduler.job.execution} observation per run ({@link JobExecutionObservations}),
 * when the application has an observation registry: a {@link JobExecutionObservationConvention} bean replaces the
 * default convention, and with micrometer-tracing each run starts a trace of its own.
 */
@AutoConfiguration(after = { ApSchedulerAutoConfiguration.class, ApSchedulerMetricsAutoConfiguration.class },
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, Scheduler.class })
@EnableConfigurationProperties(ApSchedulerMetricsProperties.class)
public final class ApSchedulerObservationAutoConfiguration {

    @Bean
    ApSchedulerCustomizer apSchedulerRunObservations(ObservationRegistry registry,
            ObjectProvider<JobExecutionObservationConvention> convention, ObjectProvider<JobTags> jobTags,
            ObjectProvider<TraceRootScope> traceRoot, ApSchedulerMetricsProperties properties) {
        // the meters' bounded tags when there are meters; the same bound otherwise
        return config -> config.runDecorator(new JobExecutionObservations(registry, convention.getIfUnique(),
                jobTags.getIfAvailable(() -> new JobTags(properties.getMaxJobTags())),
                traceRoot.getIfAvailable(() -> TraceRootScope.NONE)));
    }

    /** With micrometer-tracing, a run's span is a root: the thread's current span is hidden while it starts. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class TracingConfiguration {

        @Bean
        TraceRootScope apSchedulerTraceRootScope(ObjectProvider<Tracer> tracer) {
            return () -> {
                Tracer current = tracer.getIfUnique();
                return current == null ? TraceRootScope.NONE.open() : current.withSpan(null)::close;
            };
        }
    }
}
