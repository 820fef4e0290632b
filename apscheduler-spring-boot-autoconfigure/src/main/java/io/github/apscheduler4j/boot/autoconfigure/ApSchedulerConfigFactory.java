package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.job.JobTargetResolver;
import io.github.apscheduler4j.scheduler.ComponentFactories;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Makes the scheduler's {@link SchedulerConfig} in three steps, the seed's three ways: the {@code apscheduler.*}
 * properties, turned into APScheduler's dict and read by the engine's own {@code configure} (one set of rules and
 * messages for both); then the {@code JobStore} and {@code JobExecutor} beans, by bean name; then the
 * {@link ApSchedulerCustomizer}s.
 */
final class ApSchedulerConfigFactory {

    private static final Logger log = LoggerFactory.getLogger(ApSchedulerConfigFactory.class);
    static final String PREFIX = "apscheduler.";

    private final ComponentFactories factories;
    private final String defaultExecutorType;

    ApSchedulerConfigFactory(ClassLoader classLoader) {
        this(classLoader, null);
    }

    /**
     * @param defaultExecutorType the type of the {@code default} executor when no entry or bean names it
     * ({@code virtual} with {@code spring.threads.virtual.enabled}); {@code null} for the engine's thread pool
     */
    ApSchedulerConfigFactory(ClassLoader classLoader, String defaultExecutorType) {
        this.factories = ComponentFactories.load(classLoader);
        this.defaultExecutorType = defaultExecutorType;
    }

    /**
     * @throws ApSchedulerConfigurationException naming the property at fault
     */
    SchedulerConfig create(ApSchedulerProperties properties, Map<String, JobStore> storeBeans,
            Map<String, JobExecutor> executorBeans, JobTargetResolver targetResolver,
            List<ApSchedulerCustomizer> customizers) {
        return create(properties, null, List.of(), storeBeans, executorBeans, targetResolver, customizers);
    }

    /**
     * @param binder the application's properties, for the keys of store and executor entries that are none of the
     * typed ones (the options of a class of the application's own); {@code null} for none
     * @param applicationStores make the stores whose entries name no connection of their own, on the application's
     * @throws ApSchedulerConfigurationException naming the property at fault
     */
    SchedulerConfig create(ApSchedulerProperties properties, Binder binder,
            List<ApplicationJobStoreFactory> applicationStores, Map<String, JobStore> storeBeans,
            Map<String, JobExecutor> executorBeans, JobTargetResolver targetResolver,
            List<ApSchedulerCustomizer> customizers) {
        SchedulerConfig.Builder builder = SchedulerConfig.builder();
        Map<String, Object> config;
        Map<String, JobStore> onApplicationConnections;
        try {
            config = toConfigMap(properties, binder);
            @SuppressWarnings("unchecked")
            Map<String, Object> executorEntries = (Map<String, Object>) config.get("executors");
            if (defaultExecutorType != null && !executorEntries.containsKey("default")
                    && !executorBeans.containsKey("default")) {
                executorEntries.put("default", Map.of("type", defaultExecutorType));
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> storeEntries = (Map<String, Map<String, Object>>) config.get("jobstores");
            onApplicationConnections = applicationStores(storeEntries, applicationStores);
            onApplicationConnections.keySet().forEach(storeEntries::remove);
            builder.configure(config, PREFIX, factories);
            onApplicationConnections.forEach(builder::jobstore);
        } catch (InvalidConfigurationException e) {
            throw ApSchedulerConfigurationException.of(e, factories);
        }
        storeBeans.forEach((alias, store) -> {
            if (properties.getJobstores().containsKey(alias)) {
                log.info("JobStore bean '{}' replaces apscheduler.jobstores.{}", alias, alias);
            }
            builder.jobstore(alias, store);
        });
        executorBeans.forEach((alias, executor) -> {
            if (properties.getExecutors().containsKey(alias)) {
                log.info("JobExecutor bean '{}' replaces apscheduler.executors.{}", alias, alias);
            }
            builder.executor(alias, executor);
        });
        builder.targetResolver(targetResolver);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private static Map<String, JobStore> applicationStores(Map<String, Map<String, Object>> entries,
            List<ApplicationJobStoreFactory> applicationStores) {
        Map<String, JobStore> stores = new LinkedHashMap<>();
        entries.forEach((alias, entry) -> {
            try {
                for (ApplicationJobStoreFactory factory : applicationStores) {
                    JobStore store = factory.create(entry);
                    if (store != null) {
                        stores.put(alias, store);
                        return;
                    }
                }
            } catch (InvalidConfigurationException e) {
                throw e.withPrefix(PREFIX + "jobstores." + alias + ".");
            }
        });
        return stores;
    }

    /**
     * The properties as APScheduler's dict configuration, keyed as the engine reads it.
     *
     * @throws InvalidConfigurationException naming the property at fault, without the {@code apscheduler.} prefix
     */
    static Map<String, Object> toConfigMap(ApSchedulerProperties properties, Binder binder) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (properties.getTimezone() != null && !properties.getTimezone().isBlank()) {
            config.put("timezone", properties.getTimezone());
        }
        Map<String, Object> jobDefaults = new LinkedHashMap<>();
        jobDefaults.put("coalesce", properties.getJobDefaults().isCoalesce());
        jobDefaults.put("max_instances", properties.getJobDefaults().getMaxInstances());
        jobDefaults.put("misfire_grace_time", misfireGraceTime(properties.getJobDefaults().getMisfireGraceTime()));
        if (properties.getJobDefaults().getRecovery() != null) {
            jobDefaults.put("recovery", properties.getJobDefaults().getRecovery().word());
        }
        jobDefaults.put("retries", properties.getJobDefaults().getRetries());
        jobDefaults.put("retry_backoff", properties.getJobDefaults().getRetryBackoff());
        config.put("job_defaults", jobDefaults);
        config.put("jobstore_retry_interval", properties.getJobstoreRetryInterval());
        if (properties.getInstanceId() != null) {
            config.put("instance_id", properties.getInstanceId());
        }
        config.put("store_poll_interval", properties.getStorePollInterval());
        config.put("lease_duration", properties.getLeaseDuration());
        config.put("lease_renewal_interval", properties.getLeaseRenewalInterval());
        config.put("jobstores", entries(properties.getJobstores(), ApSchedulerProperties.JobStoreProperties::asEntry,
                binder, "jobstores", ComponentOptions.STORE_KEYS, "memory"));
        config.put("executors", entries(properties.getExecutors(), ApSchedulerProperties.ExecutorProperties::asEntry,
                binder, "executors", ComponentOptions.EXECUTOR_KEYS, "threadpool"));
        return config;
    }

    private static <T> Map<String, Object> entries(Map<String, T> typed, Function<T, Map<String, Object>> asEntry,
            Binder binder, String group, Set<String> typedKeys, String defaultType) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        typed.forEach((alias, entry) -> entries.put(alias, asEntry.apply(entry)));
        // the default alias is of the default type unless it names one: max_workers alone sizes the default pool
        Map<String, Object> defaultEntry = entries.get("default");
        if (defaultEntry != null && !defaultEntry.containsKey("type") && !defaultEntry.containsKey("class")) {
            defaultEntry.put("type", defaultType);
        }
        if (binder == null) {
            return new LinkedHashMap<>(entries);
        }
        return ComponentOptions.merge(entries, ComponentOptions.untyped(binder, PREFIX + group, typedKeys));
    }

    /** Text, as {@code none} binds to no type of Spring's: the engine reads it, and an empty value is refused here. */
    private static String misfireGraceTime(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(PREFIX + "job_defaults.misfire_grace_time", value == null ? "" : value,
                    "must be a duration such as 30 (seconds), 30s or PT30S, or none for no limit");
        }
        return value;
    }
}
