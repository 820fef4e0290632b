package io.github.apscheduler4j.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns APScheduler's flat dotted keys ({@code jobstores.mongo.type}) into nested maps; nested input passes through. */
public final class ConfigMaps {

    private ConfigMaps() {
    }

    public static Map<String, Object> nest(Map<String, ?> config) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (config == null) {
            return root;
        }
        config.forEach((key, value) -> put(root, key, value));
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String key, Object value) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            Object existing = root.get(key);
            if (existing instanceof Map && value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> put((Map<String, Object>) existing, k.toString(), v));
            } else if (value instanceof Map<?, ?> map) {
                Map<String, Object> nested = new LinkedHashMap<>();
                map.forEach((k, v) -> put(nested, k.toString(), v));
                root.put(key, nested);
            } else {
                root.put(key, value);
            }
            return;
        }
        String head = key.substring(0, dot);
        Object child = root.computeIfAbsent(head, k -> new LinkedHashMap<String, Object>());
        if (!(child instanceof Map)) {
            throw new InvalidConfigurationException(head, child, "cannot hold the nested key '" + key.substring(dot + 1) + "'");
        }
        put((Map<String, Object>) child, key.substring(dot + 1), value);
    }
}
