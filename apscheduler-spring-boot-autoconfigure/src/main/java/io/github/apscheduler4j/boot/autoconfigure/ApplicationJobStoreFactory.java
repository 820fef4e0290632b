package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.store.JobStore;
import java.util.Map;

/**
 * Makes a configured job store on a connection the application already has (its {@code DataSource}, its
 * {@code MongoClient}) when the store's {@code apscheduler.jobstores.<alias>} entry names no connection of its own.
 * Entries this returns {@code null} for go to the engine's factories ({@code url}, {@code uri}).
 */
@FunctionalInterface
public interface ApplicationJobStoreFactory {

    /**
     * @param entry the store's entry: {@code type} or {@code class}, and options in snake_case
     * @return the store, or {@code null} when this factory does not make it
     * @throws io.github.apscheduler4j.config.InvalidConfigurationException naming the entry's key at fault
     */
    JobStore create(Map<String, Object> entry);
}
