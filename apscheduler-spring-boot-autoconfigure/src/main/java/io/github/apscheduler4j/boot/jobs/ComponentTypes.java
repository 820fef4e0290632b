package io.github.apscheduler4j.boot.jobs;

import io.github.apscheduler4j.executor.JobExecutorFactory;
import io.github.apscheduler4j.store.JobStoreFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names a store's or executor's class by the {@code type} alias configuration would use for it ({@code memory},
 * {@code threadpool}), from the names the {@link JobStoreFactory} and {@link JobExecutorFactory} services answer to.
 */
final class ComponentTypes {

    private final Map<String, String> aliasByClassName = new HashMap<>();

    ComponentTypes(ClassLoader classLoader) {
        for (JobStoreFactory factory : ServiceLoader.load(JobStoreFactory.class, classLoader)) {
            register(factory.names());
        }
        for (JobExecutorFactory factory : ServiceLoader.load(JobExecutorFactory.class, classLoader)) {
            register(factory.names());
        }
    }

    private void register(Set<String> names) {
        // a factory's names are its type aliases (no dot, no colon) and class references; the first alias, sorted, wins
        String alias = new TreeSet<>(names).stream()
                .filter(name -> name.indexOf('.') < 0 && name.indexOf(':') < 0)
                .findFirst()
                .orElse(null);
        if (alias != null) {
            names.stream().filter(name -> name.indexOf('.') >= 0).forEach(name -> aliasByClassName.putIfAbsent(name, alias));
        }
    }

    /** The type alias of {@code component}'s class, or its class name when no factory makes it. */
    String typeOf(Object component) {
        String className = component.getClass().getName();
        return aliasByClassName.getOrDefault(className, className);
    }
}
