package io.github.apscheduler4j.jdbc;

import java.util.Locale;

/**
 * When {@link JdbcJobStore} creates its table (if missing) as it starts: Spring Boot's {@code initialize-schema}
 * convention, the {@code initialize_schema} option of the store's configuration.
 */
public enum SchemaInitialization {

    /** On every database. */
    ALWAYS,
    /** Only on a database that runs inside this process: H2 in memory or in a file. The default. */
    EMBEDDED,
    /** Never: the table is created beforehand from {@code schema-<platform>.sql}. */
    NEVER;

    /** Reads {@code always}, {@code embedded} or {@code never}, in any case. @throws IllegalArgumentException otherwise */
    public static SchemaInitialization of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be always, embedded or never", e);
        }
    }

    boolean applies(JdbcDialect dialect, String url) {
        return this == ALWAYS || this == EMBEDDED && dialect.isEmbedded(url);
    }
}
