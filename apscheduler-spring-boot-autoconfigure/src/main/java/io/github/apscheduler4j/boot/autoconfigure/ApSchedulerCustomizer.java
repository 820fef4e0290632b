package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.scheduler.SchedulerConfig;

/**
 * Adjusts the scheduler's settings in code, after the {@code apscheduler.*} properties and the {@code JobStore} and
 * {@code JobExecutor} beans were applied and before the scheduler is made: the seed's
 * {@code scheduler.configure(jobstores=..., executors=..., job_defaults=..., timezone=...)}. Beans of this type run
 * in {@link org.springframework.core.annotation.Order} order.
 *
 * <pre>{@code
 * @Bean
 * ApSchedulerCustomizer reportsExecutor() {
 *     return config -> config.executor("reports", new ThreadPoolJobExecutor(2));
 * }
 * }</pre>
 *
 * <p>To add jobs or listeners, inject the {@code Scheduler} bean instead. A customizer that sets a target resolver
 * replaces the one resolving {@code bean:} references; chain it with {@code orElse}.
 */
@FunctionalInterface
public interface ApSchedulerCustomizer {

    void customize(SchedulerConfig.Builder config);
}
