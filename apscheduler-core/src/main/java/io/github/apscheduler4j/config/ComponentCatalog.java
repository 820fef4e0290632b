package io.github.apscheduler4j.config;

import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The components of one kind that configuration can name by {@code type} or {@code class}: the
 * {@link ComponentFactory} services of that kind on the class path, and any other class by reflection. Errors name
 * the entry's key ({@code type}, {@code class} or an option) and list the known types.
 *
 * @param <T> the kind of component
 */
public final class ComponentCatalog<T> {

    private final String kind;
    private final Class<T> type;
    private final ClassLoader classLoader;
    private final Map<String, ComponentFactory<? extends T>> factories = new LinkedHashMap<>();
    private final Map<String, String> typeByClassName = new HashMap<>();

    private ComponentCatalog(String kind, Class<T> type, ClassLoader classLoader) {
        this.kind = kind;
        this.type = type;
        this.classLoader = classLoader;
    }

    /**
     * The factories of {@code service} found by {@link ServiceLoader} in {@code classLoader}.
     *
     * @param kind what the components are called in messages ({@code job store})
     */
    public static <T, F extends ComponentFactory<? extends T>> ComponentCatalog<T> load(String kind, Class<T> type,
            Class<F> service, ClassLoader classLoader) {
        ComponentCatalog<T> catalog = new ComponentCatalog<>(kind, type, classLoader);
        for (F factory : ServiceLoader.load(service, classLoader)) {
            catalog.register(factory);
        }
        return catalog;
    }

    private void register(ComponentFactory<? extends T> factory) {
        factory.names().forEach(name -> factories.putIfAbsent(name, factory));
        // a factory's names are its type aliases and class references; the first alias, sorted, names its class
        String alias = typeAliases(factory.names()).stream().findFirst().orElse(null);
        if (alias != null) {
            factory.names().stream().filter(name -> name.indexOf('.') >= 0)
                    .forEach(name -> typeByClassName.putIfAbsent(name, alias));
        }
    }

    /** The {@code type} values found, sorted. */
    public Set<String> types() {
        return typeAliases(factories.keySet());
    }

    private static Set<String> typeAliases(Set<String> names) {
        Set<String> types = new TreeSet<>();
        names.stream().filter(name -> name.indexOf('.') < 0 && name.indexOf(':') < 0).forEach(types::add);
        return types;
    }

    /** The {@code type} alias configuration would give {@code component}'s class, or its class name when none does. */
    public String typeOf(Object component) {
        String className = component.getClass().getName();
        return typeByClassName.getOrDefault(className, className);
    }

    /** Makes a component from one entry: {@code type} or {@code class}, plus options. */
    public T create(Map<String, ?> entry) {
        ConfigOptions options = ConfigOptions.of(entry);
        Map<String, Object> rest = options.without("type", "class");
        if (options.has("type") && options.has("class")) {
            throw new InvalidConfigurationException("class", options.raw("class"), "give either type or class, not both");
        }
        if (options.has("type")) {
            String name = options.string("type", null);
            ComponentFactory<? extends T> factory = factories.get(name);
            if (factory == null) {
                throw new InvalidConfigurationException("type", name, "unknown " + kind + " type; known types: "
                        + String.join(", ", types()) + hint(name));
            }
            return build(factory, rest, "type", name);
        }
        if (options.has("class")) {
            String name = options.string("class", null);
            ComponentFactory<? extends T> factory = factories.get(name);
            return factory != null ? build(factory, rest, "class", name) : instantiate(name, rest);
        }
        throw new InvalidConfigurationException("type", null, (kind.startsWith("e") ? "an " : "a ") + kind
                + " needs a type (one of " + String.join(", ", types()) + ") or a class");
    }

    private static String hint(String name) {
        return switch (name) {
            case "sqlalchemy", "jdbc" -> " (add apscheduler-jdbc to the class path)";
            case "mongodb" -> " (add apscheduler-mongodb and Spring Data MongoDB to the class path)";
            default -> "";
        };
    }

    private T build(ComponentFactory<? extends T> factory, Map<String, Object> options, String key, String name) {
        try {
            return factory.create(options);
        } catch (InvalidConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, name, e.getMessage(), e);
        }
    }

    private T instantiate(String className, Map<String, Object> options) {
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
