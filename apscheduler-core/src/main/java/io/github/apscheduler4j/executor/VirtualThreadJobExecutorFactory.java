package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.config.ConfigOptions;
import java.util.Map;
import java.util.Set;

/** {@code type: virtual}: a {@link VirtualThreadJobExecutor} (Java 21+), which takes no options. */
public final class VirtualThreadJobExecutorFactory implements JobExecutorFactory {

    @Override
    public Set<String> names() {
        return Set.of("virtual", VirtualThreadJobExecutor.class.getName());
    }

    @Override
    public JobExecutor create(Map<String, Object> options) {
        ConfigOptions.of(options).requireOnly();
        try {
            return new VirtualThreadJobExecutor();
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
