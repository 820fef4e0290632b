package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.config.ComponentFactory;

/**
 * Makes executors from configuration ({@code executors.<alias>.type: threadpool}): the counterpart of APScheduler's
 * {@code apscheduler.executors} entry points. Implementations are listed in
 * {@code META-INF/services/io.github.apscheduler4j.executor.JobExecutorFactory}.
 */
public interface JobExecutorFactory extends ComponentFactory<JobExecutor> {
}
