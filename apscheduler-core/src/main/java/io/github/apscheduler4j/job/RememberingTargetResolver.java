package io.github.apscheduler4j.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link JobTargetResolver#remembering()}: the answers of another resolver, kept by reference. */
final class RememberingTargetResolver implements JobTargetResolver {

    // enough for every target an application names; past it, references are resolved each time
    private static final int MAX_REMEMBERED = 1024;

    private final JobTargetResolver resolver;
    private final Map<String, JobFunction> resolved = new ConcurrentHashMap<>();

    RememberingTargetResolver(JobTargetResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public JobFunction resolve(String reference) {
        JobFunction function = resolved.get(reference);
        if (function == null) {
            function = resolver.resolve(reference);
            if (function != null && resolved.size() < MAX_REMEMBERED) {
                resolved.putIfAbsent(reference, function);
            }
        }
        return function;
    }
}
