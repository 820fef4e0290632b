package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.JobExecutorFactory;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreFactory;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Makes the job stores and executors that configuration names by {@code type} or {@code class}, through the
 * {@link JobStoreFactory} and {@link JobExecutorFactory} services on the class path (APScheduler's entry points).
 * Errors name the entry's key ({@code type}, {@code class} or an option) and list the known types.
 */
public final class ComponentFactories {

    private final Map<String, Function<Map<String, Object>, JobStore>> stores = new LinkedHashMap<>();
    private final Map<String, Function<Map<String, Object>, JobExecutor>> executors = new LinkedHashMap<>();
    private final ClassLoader classLoader;

    private ComponentFactories(ClassLoader classLoader) {
        this.classLoader = classLoader;
        for (JobStoreFactory factory : ServiceLoader.load(JobStoreFactory.class, classLoader)) {
            factory.names().forEach(name -> stores.putIfAbsent(name, factory::create));
        }
        for (JobExecutorFactory factory : ServiceLoader.load(JobExecutorFactory.class, classLoader)) {
            factory.names().forEach(name -> executors.putIfAbsent(name, factory::create));
        }
    }

    public static ComponentFactories load(ClassLoader classLoader) {
        return new ComponentFactories(classLoader);
    }

    public static ComponentFactories load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /** The job store {@code type} values found on the class path, sorted. */
    public Set<String> jobStoreTypes() {
        return typeAliases(stores.keySet());
    }

    /** The executor {@code type} values found on the class path, sorted. */
    public Set<String> executorTypes() {
        return typeAliases(executors.keySet());
    }

    private static Set<String> typeAliases(Set<String> names) {
        Set<String> types = new TreeSet<>();
        names.stream().filter(name -> name.indexOf('.') < 0 && name.indexOf(':') < 0).forEach(types::add);
        return types;
    }

    /** Makes a job store from one {@code jobstores.<alias>} entry: {@code type} or {@code class}, plus options. */
    public JobStore createJobStore(Map<String, ?> entry) {
        return create("job store", JobStore.class, entry, stores, jobStoreTypes());
    }

    /** Makes an executor from one {@code executors.<alias>} entry: {@code type} or {@code class}, plus options. */
    public JobExecutor createExecutor(Map<String, ?> entry) {
        return create("executor", JobExecutor.class, entry, executors, executorTypes());
    }

    private <T> T create(String kind, Class<T> type, Map<String, ?> entry,
            Map<String, Function<Map<String, Object>, T>> factories, Set<String> knownTypes) {
        ConfigOptions options = ConfigOptions.of(entry);
        Map<String, Object> rest = options.without("type", "class");
        if (options.has("type") && options.has("class")) {
            throw new InvalidConfigurationException("class", options.raw("class"), "give either type or class, not both");
        }
        if (options.has("type")) {
            String name = options.string("type", null);
            Function<Map<String, Object>, T> factory = factories.get(name);
            if (factory == null) {
                throw new InvalidConfigurationException("type", name, "unknown " + kind + " type; known types: "
                        + String.join(", ", knownTypes) + hint(name));
            }
            return build(factory, rest, "type", name);
        }
        if (options.has("class")) {
            String name = options.string("class", null);
            Function<Map<String, Object>, T> factory = factories.get(name);
            return factory != null ? build(factory, rest, "class", name) : instantiate(kind, type, name, rest);
        }
        throw new InvalidConfigurationException("type", null, (kind.startsWith("e") ? "an " : "a ") + kind + " needs a type (one of "
                + String.join(", ", knownTypes) + ") or a class");
    }

    private static String hint(String name) {
        return switch (name) {
            case "sqlalchemy", "jdbc" -> " (add apscheduler-jdbc to the class path)";
            case "mongodb" -> " (add apscheduler-mongodb and Spring Data MongoDB to the class path)";
            default -> "";
        };
    }

    private static <T> T build(Function<Map<String, Object>, T> factory, Map<String, Object> options, String key,
            String name) {
        try {
            return factory.apply(options);
        } catch (InvalidConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, name, e.getMessage(), e);
        }
    }

    private <T> T instantiate(String kind, Class<T> type, String className, Map<String, Object> options) {
        Class<?> found;
        try {
            found = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidConfigurationException("class", className, "class not found", e);
        }
        if (!type.isAssignableFrom(found)) {
            throw new InvalidConfigurationException("class", className, "is not a " + type.getName());
        }
        try {
            if (options.isEmpty()) {
                return type.cast(found.getConstructor().newInstance());
            }
            Constructor<?> withOptions = found.getConstructor(Map.class);
            return type.cast(withOptions.newInstance(options));
        } catch (NoSuchMethodException e) {
            throw new InvalidConfigurationException("class", className, "a " + kind + " class needs a public constructor "
                    + (options.isEmpty() ? "without arguments" : "taking a Map of its options " + List.copyOf(options.keySet())));
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidConfigurationException("class", className, "could not be created: " + cause.getMessage(), cause);
        }
    }
}
