package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.ConfigOptions;
import java.util.Map;
import java.util.Set;

/** Reads whether a {@code jobstores.<alias>} entry asks for a store on one of the application's connections. */
final class StoreEntries {

    private StoreEntries() {
    }

    /**
     * The entry's options, {@code type} and {@code class} left out, when its {@code type} (or {@code class}) is one
     * of {@code names} and it does not name a connection of its own ({@code connectionKey}); otherwise {@code null},
     * for the engine's factories.
     */
    static ConfigOptions onApplicationConnection(Map<String, Object> entry, Set<String> names, String connectionKey) {
        ConfigOptions options = ConfigOptions.of(entry);
        String name = options.has("type") ? options.string("type", "") : options.string("class", "");
        if (!names.contains(name) || options.has(connectionKey)) {
            return null;
        }
        return ConfigOptions.of(options.without("type", "class"));
    }
}
