package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.config.ConfigOptions;
import java.util.Map;
import java.util.Set;

/** {@code type: debug} or {@code direct}: a {@link DirectJobExecutor}, APScheduler's {@code DebugExecutor}. */
public final class DirectJobExecutorFactory implements JobExecutorFactory {

    @Override
    public Set<String> names() {
        return Set.of("debug", "direct", DirectJobExecutor.class.getName(), "apscheduler.executors.debug:DebugExecutor");
    }

    @Override
    public JobExecutor create(Map<String, Object> options) {
        ConfigOptions.of(options).requireOnly();
        return new DirectJobExecutor();
    }
}
