package io.github.apscheduler4j.store;

import io.github.apscheduler4j.config.ConfigOptions;
import java.util.Map;
import java.util.Set;

/** {@code type: memory}: a {@link MemoryJobStore}, which takes no options. */
public final class MemoryJobStoreFactory implements JobStoreFactory {

    @Override
    public Set<String> names() {
        return Set.of("memory", MemoryJobStore.class.getName(), "apscheduler.jobstores.memory:MemoryJobStore");
    }

    @Override
    public JobStore create(Map<String, Object> options) {
        ConfigOptions.of(options).requireOnly();
        return new MemoryJobStore();
    }
}
