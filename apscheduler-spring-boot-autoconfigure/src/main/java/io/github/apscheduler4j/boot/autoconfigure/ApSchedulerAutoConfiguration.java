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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of an APScheduler-style {@link Scheduler}: a {@code BackgroundScheduler} (or the kind
 * {@code apscheduler.scheduler} names) made from the
 * {@code apscheduler.*} properties, the {@code JobStore} and {@code JobExecutor} beans (by bean name) and the
 * {@link ApSchedulerCustomizer}s; started with the application and stopped with it; with the {@code @ApsJob} methods
 * of the application's beans as jobs, reconciled with their stores at each start ({@link DeclaredJobs}), its events published as application events and its runs kept in a
 * {@link JobRunHistory}. {@code apscheduler.enabled=false} turns it all off.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ApSchedulerProperties.class, ApSchedulerJobTargetsProperties.class})
public final class ApSchedulerAutoConfiguration {

    /** Spring Boot's bound on each shutdown phase, which the scheduler's wait for its runs keeps within. */
    static final String SHUTDOWN_PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

    /** Spring Boot's default for {@value #SHUTDOWN_PHASE_TIMEOUT}. */
    static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    // the lifecycle bean shuts the scheduler down; without this, Spring would call its shutdown() a second time
    // its stores' tables exist before it is made, when Spring Boot creates them (apscheduler.jdbc.initialize-schema)
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(Scheduler.class)
    @DependsOnDatabaseInitialization
    AbstractScheduler apScheduler(ApSchedulerProperties properties, Environment environment,
            ListableBeanFactory beanFactory,
            ObjectProvider<ApplicationJobStoreFactory> applicationStores,
            ObjectProvider<ScheduledExecutorService> eventLoop, ObjectProvider<TaskDecorator> taskDecorators,
            ObjectProvider<Clock> clock, ObjectProvider<ApSchedulerCustomizer> customizers,
            ApSchedulerJobTargetsProperties jobTargets) {
        ClassLoader classLoader = beanFactory instanceof ConfigurableBeanFactory configurable
                && configurable.getBeanClassLoader() != null ? configurable.getBeanClassLoader()
                        : getClass().getClassLoader();
        ApplicationJobTargets allowed = ApplicationJobTargets.of(beanFactory, jobTargets, classLoader);
        List<TaskDecorator> decorators = taskDecorators.orderedStream().toList();
        List<ApSchedulerCustomizer> allCustomizers = new ArrayList<>();
        allCustomizers.add(allowed::applyTo);
        // a Clock bean is the scheduler's time (a test's MutableClock); the application's customizers come after
        clock.ifUnique(given -> allCustomizers.add(builder -> builder.clock(given)));
        if (!decorators.isEmpty()) {
            // before the application's customizers, which may add decorators of their own; called on the worker thread
            // just before the run, as the scheduler's own thread holds no context worth carrying over
            TaskDecorator decorator = decorators.size() == 1 ? decorators.get(0)
                    : new CompositeTaskDecorator(decorators);
            allCustomizers.add(builder -> builder.runDecorator((run, invocation) -> decorator.decorate(invocation)));
        }
        customizers.orderedStream().forEach(allCustomizers::add);
        SchedulerConfig config = new ApSchedulerConfigFactory(classLoader,
                Threading.VIRTUAL.isActive(environment) ? "virtual" : null).create(properties,
                Binder.get(environment), applicationStores.orderedStream().toList(), beanFactory.getBeansOfType(JobStore.class), beanFactory.getBeansOfType(JobExecutor.class),
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
    ApSchedulerLifecycle apSchedulerLifecycle(Scheduler scheduler, ApSchedulerProperties properties,
            Environment environment) {
        Duration timeout = properties.getShutdown().getAwaitTermination();
        if (timeout == null) {
            timeout = Binder.get(environment).bind(SHUTDOWN_PHASE_TIMEOUT, Duration.class)
                    .orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
        }
        return new ApSchedulerLifecycle(scheduler, properties.isAutoStart(), properties.getShutdown().isWait(),
                timeout);
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
        ApplicationJobStoreFactory apSchedulerDataSourceJobStores(
                @ApSchedulerDataSource ObjectProvider<DataSource> qualified, ObjectProvider<DataSource> dataSources) {
            return new DataSourceJobStoreFactory(qualified, dataSources,
                    ClassUtils.isPresent(BOOT_SCRIPT_INITIALIZER, getClass().getClassLoader()));
        }
    }

    static final String BOOT_SCRIPT_INITIALIZER = "org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer";

    /**
     * The tables of the stores on the application's DataSource, created before the scheduler is made, as Spring Boot
     * creates Quartz's ({@code apscheduler.jdbc.initialize-schema}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.github.apscheduler4j.jdbc.JdbcJobStore", BOOT_SCRIPT_INITIALIZER})
    @Conditional(OnBootInitializedStoreCondition.class)
    @EnableConfigurationProperties(ApSchedulerJdbcProperties.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class DataSourceSchemaConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ApSchedulerDataSourceScriptDatabaseInitializer apSchedulerDataSourceScriptDatabaseInitializer(
                @ApSchedulerDataSource ObjectProvider<DataSource> qualified, ObjectProvider<DataSource> dataSources,
                ApSchedulerJdbcProperties properties, ApSchedulerProperties schedulerProperties) {
            DataSource dataSource;
            try {
                dataSource = DataSourceJobStoreFactory.dataSource(qualified, dataSources);
            } catch (InvalidConfigurationException e) {
                // the store's own message, for the first store that needs the DataSource
                String alias = schedulerProperties.getJobstores().entrySet().stream()
                        .filter(store -> DataSourceJobStoreFactory.initializedByBoot(store.getValue().asEntry()))
                        .map(Map.Entry::getKey).findFirst().orElse("default");
                throw ApSchedulerConfigurationException.of(
                        e.withPrefix(ApSchedulerConfigFactory.PREFIX + "jobstores." + alias + "."),
                        ComponentFactories.load(getClass().getClassLoader()));
            }
            return new ApSchedulerDataSourceScriptDatabaseInitializer(dataSource, properties);
        }
    }

    /** Whether an {@code apscheduler.jobstores} entry leaves its tables on the application's DataSource to Boot. */
    static final class OnBootInitializedStoreCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, ApSchedulerProperties.JobStoreProperties> stores = Binder.get(context.getEnvironment())
                    .bind("apscheduler.jobstores", Bindable.mapOf(String.class,
                            ApSchedulerProperties.JobStoreProperties.class)).orElse(Map.of());
            for (Map.Entry<String, ApSchedulerProperties.JobStoreProperties> store : stores.entrySet()) {
                if (DataSourceJobStoreFactory.initializedByBoot(store.getValue().asEntry())) {
                    return ConditionOutcome.match("job store '" + store.getKey()
                            + "' is on the application's DataSource and leaves its tables to apscheduler.jdbc");
                }
            }
            return ConditionOutcome.noMatch("no job store on the application's DataSource leaves its tables to"
                    + " apscheduler.jdbc");
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

    /** {@code type: redis} without {@code url} uses the application's RedisConnectionFactory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.github.apscheduler4j.redis.RedisJobStore",
        "org.springframework.data.redis.connection.RedisConnectionFactory"})
    static class RedisConnectionJobStoreConfiguration {

        @Bean
        ApplicationJobStoreFactory apSchedulerRedisConnectionJobStores(
                ObjectProvider<RedisConnectionFactory> connectionFactory) {
            return new RedisConnectionJobStoreFactory(connectionFactory);
        }
    }

    // static: a bean post-processor is made before the other beans, and must not make this configuration early
    @Bean
    @ConditionalOnMissingBean
    static ApsJobBeanPostProcessor apsJobBeanPostProcessor() {
        return new ApsJobBeanPostProcessor();
    }
}
