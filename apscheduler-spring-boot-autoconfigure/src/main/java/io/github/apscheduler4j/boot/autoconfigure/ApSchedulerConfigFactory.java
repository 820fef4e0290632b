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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    ApSchedulerConfigFactory(ClassLoader classLoader) {
        this.factories = ComponentFactories.load(classLoader);
    }

    /**
     * @throws ApSchedulerConfigurationException naming the property at fault
     */
    SchedulerConfig create(ApSchedulerProperties properties, Map<String, JobStore> storeBeans,
            Map<String, JobExecutor> executorBeans, JobTargetResolver targetResolver,
            List<ApSchedulerCustomizer> customizers) {
        return create(properties, List.of(), storeBeans, executorBeans, targetResolver, customizers);
    }

    /**
     * @param applicationStores make the stores whose entries name no connection of their own, on the application's
     * @throws ApSchedulerConfigurationException naming the property at fault
     */
    SchedulerConfig create(ApSchedulerProperties properties, List<ApplicationJobStoreFactory> applicationStores,
            Map<String, JobStore> storeBeans, Map<String, JobExecutor> executorBeans, JobTargetResolver targetResolver,
            List<ApSchedulerCustomizer> customizers) {
        SchedulerConfig.Builder builder = SchedulerConfig.builder();
        Map<String, Object> config = toConfigMap(properties);
        try {
            Map<String, JobStore> onApplicationConnections = applicationStores(properties, applicationStores);
            @SuppressWarnings("unchecked")
            Map<String, Object> entries = (Map<String, Object>) config.get("jobstores");
            onApplicationConnections.keySet().forEach(entries::remove);
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

    private static Map<String, JobStore> applicationStores(ApSchedulerProperties properties,
            List<ApplicationJobStoreFactory> applicationStores) {
        Map<String, JobStore> stores = new LinkedHashMap<>();
        properties.getJobstores().forEach((alias, entry) -> {
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

    /** The properties as APScheduler's dict configuration, keyed as the engine reads it. */
    static Map<String, Object> toConfigMap(ApSchedulerProperties properties) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (properties.getTimezone() != null && !properties.getTimezone().isBlank()) {
            config.put("timezone", properties.getTimezone());
        }
        Map<String, Object> jobDefaults = new LinkedHashMap<>();
        jobDefaults.put("coalesce", properties.getJobDefaults().isCoalesce());
        jobDefaults.put("max_instances", properties.getJobDefaults().getMaxInstances());
        jobDefaults.put("misfire_grace_time", properties.getJobDefaults().getMisfireGraceTime());
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
        config.put("jobstores", new LinkedHashMap<>(properties.getJobstores()));
        config.put("executors", new LinkedHashMap<>(properties.getExecutors()));
        return config;
    }
}
