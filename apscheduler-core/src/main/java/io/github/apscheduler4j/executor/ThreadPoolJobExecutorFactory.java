package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.config.ConfigOptions;
import java.util.Map;
import java.util.Set;

/** {@code type: threadpool} ({@code max_workers}, default 10) and {@code type: debug} (runs jobs in the scheduler's thread). */
public final class ThreadPoolJobExecutorFactory implements JobExecutorFactory {

    @Override
    public Set<String> names() {
        return Set.of("threadpool", ThreadPoolJobExecutor.class.getName(), "apscheduler.executors.pool:ThreadPoolExecutor");
    }

    @Override
    public JobExecutor create(Map<String, Object> options) {
        ConfigOptions config = ConfigOptions.of(options).requireOnly("max_workers");
        return new ThreadPoolJobExecutor(config.integer("max_workers", ThreadPoolJobExecutor.DEFAULT_MAX_WORKERS));
    }
}
