package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.ConfigOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The options of a store's or executor's entry in the form the engine's factories read: one level of snake_case keys.
 * Spring binds a free-form map as nested maps ({@code MY_OPTION} from the environment as {@code {my: {option: ...}}},
 * a list as {@code {0: ..., 1: ...}}); APScheduler's options are keyword arguments, never dotted, so nesting is joined
 * back with underscores and numbered maps become lists.
 */
final class ComponentOptions {

    /** The typed options of a store entry, in snake_case. */
    static final Set<String> STORE_KEYS = Set.of("type", "class", "url", "username", "password", "tablename",
            "tableschema", "initialize_schema", "uri", "database", "collection", "runs_collection", "options");

    /** The typed options of an executor entry, in snake_case. */
    static final Set<String> EXECUTOR_KEYS = Set.of("type", "class", "max_workers", "jvm_args", "options");

    private ComponentOptions() {
    }

    /** {@code {max: {workers: 20}}} becomes {@code {max_workers: 20}}, {@code {0: a, 1: b}} becomes {@code [a, b]}. */
    static Map<String, Object> flatten(Map<String, ?> options) {
        Map<String, Object> flat = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((key, value) -> put(flat, ConfigOptions.snakeCase(key), value));
        }
        return flat;
    }

    private static void put(Map<String, Object> flat, String key, Object value) {
        if (value instanceof Map<?, ?> map && !map.isEmpty() && !isList(map)) {
            map.forEach((nestedKey, nested) -> put(flat, key + "_" + ConfigOptions.snakeCase(nestedKey.toString()),
                    nested));
        } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            Map<Integer, Object> byIndex = new TreeMap<>();
            map.forEach((index, element) -> byIndex.put(Integer.valueOf(index.toString()), element));
            flat.put(key, new ArrayList<>(byIndex.values()));
        } else {
            flat.put(key, value);
        }
    }

    private static boolean isList(Map<?, ?> map) {
        return map.keySet().stream().allMatch(key -> key.toString().chars().allMatch(Character::isDigit));
    }

    /**
     * The keys of each {@code <group>.<alias>} entry that are none of {@code typed}: options of a class of the
     * application's own written beside {@code class}, as before the typed entries, which still reach its constructor
     * (and for a built-in type stop start-up, naming the property, as an unknown option).
     */
    static Map<String, Map<String, Object>> untyped(Binder binder, String group, Set<String> typed) {
        Map<String, Map<String, Object>> untyped = new LinkedHashMap<>();
        Map<String, Object> entries = binder.bind(group, Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        entries.forEach((alias, entry) -> {
            Map<String, Object> rest = new LinkedHashMap<>();
            if (entry instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    if (!ConfigOptions.snakeCase(key.toString()).equals("options")) {
                        put(rest, ConfigOptions.snakeCase(key.toString()), value);
                    }
                });
            }
            rest.keySet().removeAll(typed);
            if (!rest.isEmpty()) {
                untyped.put(alias, rest);
            }
        });
        return untyped;
    }

    /** {@code typed}'s entries with {@code untyped}'s keys added to the entry of the same alias. */
    static Map<String, Object> merge(Map<String, Map<String, Object>> typed, Map<String, Map<String, Object>> untyped) {
        Map<String, Object> merged = new LinkedHashMap<>();
        typed.forEach((alias, entry) -> {
            Map<String, Object> all = new LinkedHashMap<>(entry);
            untyped.getOrDefault(alias, Map.of()).forEach(all::putIfAbsent);
            merged.put(alias, all);
        });
        return merged;
    }
}
