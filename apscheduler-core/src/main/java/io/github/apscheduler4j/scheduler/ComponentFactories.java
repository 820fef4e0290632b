package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.config.ComponentCatalog;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.JobExecutorFactory;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreFactory;
import java.util.Map;
import java.util.Set;

/**
 * Makes the job stores and executors that configuration names by {@code type} or {@code class}, through the
 * {@link JobStoreFactory} and {@link JobExecutorFactory} services on the class path (APScheduler's entry points).
 * Errors name the entry's key ({@code type}, {@code class} or an option) and list the known types.
 */
public final class ComponentFactories {

    private final ComponentCatalog<JobStore> stores;
    private final ComponentCatalog<JobExecutor> executors;

    private ComponentFactories(ClassLoader classLoader) {
        this.stores = ComponentCatalog.load("job store", JobStore.class, JobStoreFactory.class, classLoader);
        this.executors = ComponentCatalog.load("executor", JobExecutor.class, JobExecutorFactory.class, classLoader);
    }

    public static ComponentFactories load(ClassLoader classLoader) {
        return new ComponentFactories(classLoader);
    }

    public static ComponentFactories load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /** The job store {@code type} values found on the class path, sorted. */
    public Set<String> jobStoreTypes() {
        return stores.types();
    }

    /** The executor {@code type} values found on the class path, sorted. */
    public Set<String> executorTypes() {
        return executors.types();
    }

    /** The {@code type} alias configuration would give this store's class, or its class name when none does. */
    public String typeOf(JobStore store) {
        return stores.typeOf(store);
    }

    /** The {@code type} alias configuration would give this executor's class, or its class name when none does. */
    public String typeOf(JobExecutor executor) {
        return executors.typeOf(executor);
    }

    /** Makes a job store from one {@code jobstores.<alias>} entry: {@code type} or {@code class}, plus options. */
    public JobStore createJobStore(Map<String, ?> entry) {
        return stores.create(entry);
    }

    /** Makes an executor from one {@code executors.<alias>} entry: {@code type} or {@code class}, plus options. */
    public JobExecutor createExecutor(Map<String, ?> entry) {
        return executors.create(entry);
    }
}
