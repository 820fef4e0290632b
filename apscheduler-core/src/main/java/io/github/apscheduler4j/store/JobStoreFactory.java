package io.github.apscheduler4j.store;

import io.github.apscheduler4j.config.ComponentFactory;

/**
 * Makes job stores from configuration ({@code jobstores.<alias>.type: memory}): the counterpart of APScheduler's
 * {@code apscheduler.jobstores} entry points. Implementations are listed in
 * {@code META-INF/services/io.github.apscheduler4j.store.JobStoreFactory}.
 */
public interface JobStoreFactory extends ComponentFactory<JobStore> {
}
