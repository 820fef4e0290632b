package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.annotation.ApsJobBeanPostProcessor;
import io.github.apscheduler4j.boot.annotation.BeanJobTargetResolver;
import io.github.apscheduler4j.boot.event.ApSchedulerEventPublisher;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService;
import io.github.apscheduler4j.boot.jobs.JobRunHistory;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStore;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of an APScheduler-style {@link Scheduler}: a {@link BackgroundScheduler} made from the
 * {@code apscheduler.*} properties, the {@code JobStore} and {@code JobExecutor} beans (by bean name) and the
 * {@link ApSchedulerCustomizer}s; started with the application and stopped with it; with the {@code @ApsJob} methods
 * of the application's beans as jobs, its events published as application events and its runs kept in a
 * {@link JobRunHistory}. {@code apscheduler.enabled=false} turns it all off.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ApSchedulerProperties.class)
public final class ApSchedulerAutoConfiguration {

    // the lifecycle bean shuts the scheduler down; without this, Spring would call its shutdown() a second time
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(Scheduler.class)
    BackgroundScheduler apScheduler(ApSchedulerProperties properties, ListableBeanFactory beanFactory,
            ObjectProvider<ApSchedulerCustomizer> customizers) {
        ClassLoader classLoader = beanFactory instanceof ConfigurableBeanFactory configurable
                && configurable.getBeanClassLoader() != null ? configurable.getBeanClassLoader()
                        : getClass().getClassLoader();
        SchedulerConfig config = new ApSchedulerConfigFactory(classLoader).create(properties,
                beanFactory.getBeansOfType(JobStore.class), beanFactory.getBeansOfType(JobExecutor.class),
                new BeanJobTargetResolver(beanFactory), customizers.orderedStream().toList());
        return new BackgroundScheduler(config);
    }

    @Bean
    @ConditionalOnMissingBean
    ApSchedulerLifecycle apSchedulerLifecycle(Scheduler scheduler, ApSchedulerProperties properties) {
        return new ApSchedulerLifecycle(scheduler, properties.isAutoStart(), properties.getShutdown().isWait(),
                properties.getShutdown().getAwaitTermination());
    }

    @Bean
    ApSchedulerListenerRegistrar apSchedulerListenerRegistrar(Scheduler scheduler,
            ObjectProvider<SchedulerListener> listeners) {
        return new ApSchedulerListenerRegistrar(scheduler, listeners);
    }

    @Bean
    @ConditionalOnMissingBean
    JobRunHistory apSchedulerJobRunHistory(ApSchedulerProperties properties) {
        return new JobRunHistory(properties.getHistorySize());
    }

    @Bean
    @ConditionalOnMissingBean
    ApSchedulerJobsService apSchedulerJobsService(Scheduler scheduler, JobRunHistory history) {
        return new ApSchedulerJobsService(scheduler, history);
    }

    @Bean
    ApSchedulerEventPublisher apSchedulerEventPublisher(ApplicationEventPublisher publisher) {
        return new ApSchedulerEventPublisher(publisher);
    }

    // static: a bean post-processor is made before the other beans, and must not make this configuration early
    @Bean
    @ConditionalOnMissingBean
    static ApsJobBeanPostProcessor apsJobBeanPostProcessor() {
        return new ApsJobBeanPostProcessor();
    }
}
