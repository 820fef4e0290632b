package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.config.ConfigOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code type: processpool}: a {@link ProcessPoolJobExecutor} ({@code max_workers}, default 5; {@code jvm_args}). */
public final class ProcessPoolJobExecutorFactory implements JobExecutorFactory {

    @Override
    public Set<String> names() {
        return Set.of("processpool", ProcessPoolJobExecutor.class.getName(), "apscheduler.executors.pool:ProcessPoolExecutor");
    }

    @Override
    public JobExecutor create(Map<String, Object> options) {
        ConfigOptions config = ConfigOptions.of(options).requireOnly("max_workers", "jvm_args");
        return new ProcessPoolJobExecutor(config.integer("max_workers", ProcessPoolJobExecutor.DEFAULT_MAX_WORKERS),
                jvmArgs(config.raw("jvm_args")));
    }

    private static List<String> jvmArgs(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof Map<?, ?> map) {
            // Spring binds a YAML list inside a map as {"0": ..., "1": ...}
            return map.values().stream().map(String::valueOf).toList();
        }
        return Arrays.stream(value.toString().trim().split("\\s+")).filter(arg -> !arg.isEmpty()).toList();
    }
}
