package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.ConfigOptions;
import java.util.Set;

/** Reads which kind of store a {@code jobstores.<alias>} entry asks for. */
final class StoreEntries {

    private StoreEntries() {
    }

    /** Whether the entry's {@code type} (or {@code class}) is one of {@code names}. */
    static boolean names(ConfigOptions entry, Set<String> names) {
        String name = entry.has("type") ? entry.string("type", "") : entry.string("class", "");
        return names.contains(name);
    }
}
