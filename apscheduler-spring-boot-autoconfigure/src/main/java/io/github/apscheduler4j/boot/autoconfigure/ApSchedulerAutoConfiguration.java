package io.github.apscheduler4j.boot.autoconfigure;

import com.mongodb.client.MongoClient;
import io.github.apscheduler4j.boot.annotation.ApsJobBeanPostProcessor;
import io.github.apscheduler4j.boot.annotation.BeanJobTargetResolver;
import io.github.apscheduler4j.boot.annotation.DeclaredJobs;
import io.github.apscheduler4j.boot.event.ApSchedulerEventPublisher;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService;
import io.github.apscheduler4j.boot.jobs.JobRunHistory;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.ComponentFactories;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.scheduler.Schedulers;
import io.github.apscheduler4j.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of an APScheduler-style {@link Scheduler}: a {@code BackgroundScheduler} (or the kind
 * {@code apscheduler.scheduler} names) made from the
 * {@code apscheduler.*} properties, the {@code JobStore} and {@code JobExecutor} beans (by bean name) and the
 * {@link ApSchedulerCustomizer}s; started with the application and stopped with it; with the {@code @ApsJob} methods
 * of the application's beans as jobs, reconciled with their stores at each start ({@link DeclaredJobs}), its events published as application events and its runs kept in a
 * {@link JobRunHistory}. {@code apscheduler.enabled=false} turns it all off.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ApSchedulerProperties.class, ApSchedulerJobTargetsProperties.class})
public final class ApSchedulerAutoConfiguration {

    // the lifecycle bean shuts the scheduler down; without this, Spring would call its shutdown() a second time
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(Scheduler.class)
    AbstractScheduler apScheduler(ApSchedulerProperties properties, ListableBeanFactory beanFactory,
            ObjectProvider<ApplicationJobStoreFactory> applicationStores,
            ObjectProvider<ScheduledExecutorService> eventLoop, ObjectProvider<ApSchedulerCustomizer> customizers,
            ApSchedulerJobTargetsProperties jobTargets) {
        ClassLoader classLoader = beanFactory instanceof ConfigurableBeanFactory configurable
                && configurable.getBeanClassLoader() != null ? configurable.getBeanClassLoader()
                        : getClass().getClassLoader();
        ApplicationJobTargets allowed = ApplicationJobTargets.of(beanFactory, jobTargets, classLoader);
        List<ApSchedulerCustomizer> allCustomizers = new ArrayList<>();
        allCustomizers.add(allowed::applyTo);
        allCustomizers.addAll(customizers.orderedStream().toList());
        SchedulerConfig config = new ApSchedulerConfigFactory(classLoader).create(properties,
                applicationStores.orderedStream().toList(), beanFactory.getBeansOfType(JobStore.class), beanFactory.getBeansOfType(JobExecutor.class),
                new BeanJobTargetResolver(beanFactory, allowed.beanTypes()), allCustomizers);
        try {
            return Schedulers.create(properties.getScheduler(), config, eventLoop.getIfUnique());
        } catch (InvalidConfigurationException e) {
            throw ApSchedulerConfigurationException.of(e.withPrefix(ApSchedulerConfigFactory.PREFIX),
                    ComponentFactories.load(classLoader));
        }
    }

    @Bean
    @ConditionalOnMissingBean
    ApSchedulerLifecycle apSchedulerLifecycle(Scheduler scheduler, ApSchedulerProperties properties) {
        return new ApSchedulerLifecycle(scheduler, properties.isAutoStart(), properties.getShutdown().isWait(),
                properties.getShutdown().getAwaitTermination());
    }

    /** With {@code apscheduler.scheduler=blocking}, holds the main thread in the scheduler once the application is ready. */
    @Bean
    ApSchedulerBlockingRunner apSchedulerBlockingRunner(Scheduler scheduler, ApSchedulerProperties properties) {
        return new ApSchedulerBlockingRunner(scheduler, properties.isAutoStart());
    }

    @Bean
    ApSchedulerListenerRegistrar apSchedulerListenerRegistrar(Scheduler scheduler,
            ObjectProvider<SchedulerListener> listeners) {
        return new ApSchedulerListenerRegistrar(scheduler, listeners);
    }

    @Bean
    @ConditionalOnMissingBean
    DeclaredJobs apSchedulerDeclaredJobs(Scheduler scheduler, ApSchedulerProperties properties) {
        return new DeclaredJobs(scheduler, properties.getDeclaredJobs().getOrphans());
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

    /** {@code type: sqlalchemy} or {@code jdbc} without {@code url} uses the application's DataSource. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.github.apscheduler4j.jdbc.JdbcJobStore", "javax.sql.DataSource"})
    static class DataSourceJobStoreConfiguration {

        @Bean
        ApplicationJobStoreFactory apSchedulerDataSourceJobStores(ObjectProvider<DataSource> dataSource) {
            return new DataSourceJobStoreFactory(dataSource);
        }
    }

    /** {@code type: mongodb} without {@code uri} uses the application's MongoClient. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.github.apscheduler4j.mongodb.MongoJobStore", "com.mongodb.client.MongoClient"})
    static class MongoClientJobStoreConfiguration {

        @Bean
        ApplicationJobStoreFactory apSchedulerMongoClientJobStores(ObjectProvider<MongoClient> client) {
            return new MongoClientJobStoreFactory(client);
        }
    }

    // static: a bean post-processor is made before the other beans, and must not make this configuration early
    @Bean
    @ConditionalOnMissingBean
    static ApsJobBeanPostProcessor apsJobBeanPostProcessor() {
        return new ApsJobBeanPostProcessor();
    }
}
