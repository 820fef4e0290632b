package io.github.apscheduler4j.executor;

import java.util.Map;
import java.util.Set;

/**
 * Makes executors from configuration ({@code executors.<alias>.type: threadpool}): the counterpart of APScheduler's
 * {@code apscheduler.executors} entry points. Implementations are listed in
 * {@code META-INF/services/io.github.apscheduler4j.executor.JobExecutorFactory}.
 */
public interface JobExecutorFactory {

    /**
     * The names this factory answers to: its {@code type} aliases, the class name of the executor it makes (for
     * {@code class:}), and APScheduler's class reference where there is one.
     */
    Set<String> names();

    /**
     * Makes an executor.
     *
     * @param options the entry's other keys in APScheduler's snake_case ({@code max_workers}, ...)
     * @throws io.github.apscheduler4j.scheduler.InvalidConfigurationException naming the option at fault
     */
    JobExecutor create(Map<String, Object> options);
}
