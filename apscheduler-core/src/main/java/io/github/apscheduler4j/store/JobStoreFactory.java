package io.github.apscheduler4j.store;

import java.util.Map;
import java.util.Set;

/**
 * Makes job stores from configuration ({@code jobstores.<alias>.type: memory}): the counterpart of APScheduler's
 * {@code apscheduler.jobstores} entry points. Implementations are listed in
 * {@code META-INF/services/io.github.apscheduler4j.store.JobStoreFactory}.
 */
public interface JobStoreFactory {

    /**
     * The names this factory answers to: its {@code type} aliases, the class name of the store it makes (for
     * {@code class:}), and APScheduler's class reference where there is one.
     */
    Set<String> names();

    /**
     * Makes a store.
     *
     * @param options the entry's other keys in APScheduler's snake_case ({@code url}, {@code tablename}, ...)
     * @throws io.github.apscheduler4j.scheduler.InvalidConfigurationException naming the option at fault
     */
    JobStore create(Map<String, Object> options);
}
