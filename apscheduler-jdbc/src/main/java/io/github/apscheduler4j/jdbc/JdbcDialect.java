package io.github.apscheduler4j.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * What differs between the databases {@link JdbcJobStore} runs on; its queries are the same on all of them. Chosen
 * from the connection's {@link DatabaseMetaData} unless the builder names one.
 */
public enum JdbcDialect {

    H2("h2"),
    POSTGRESQL("postgresql"),
    /** MariaDB, and MySQL 8 */
    MARIADB("mariadb");

    private static final String SCRIPT_TABLE = "apscheduler_jobs";

    private final String platform;

    JdbcDialect(String platform) {
        this.platform = platform;
    }

    /** The platform name in the schema script's name: {@code schema-<platform>.sql}. */
    public String platform() {
        return platform;
    }

    /** The class-path location of the schema script, written for the table {@code apscheduler_jobs}. */
    public String schemaLocation() {
        return "io/github/apscheduler4j/jdbc/schema-" + platform + ".sql";
    }

    /** The dialect of the database behind {@code metaData}. @throws IllegalStateException for another database */
    public static JdbcDialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return H2;
        }
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalStateException("JdbcJobStore runs on H2, PostgreSQL, MariaDB and MySQL, not on " + product);
    }

    /** Whether the database at {@code url} runs inside this process (H2 in memory or in a file), for {@code embedded}. */
    public boolean isEmbedded(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return this == H2 && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    /** The schema script's statements for {@code table} ({@code schema.table} when {@code schema} is not null). */
    List<String> schemaStatements(String schema, String table) {
        String script;
        try (InputStream in = JdbcDialect.class.getClassLoader().getResourceAsStream(schemaLocation())) {
            if (in == null) {
                throw new IllegalStateException("Missing " + schemaLocation() + " on the class path");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String qualified = schema == null ? table : schema + "." + table;
        String sql = script.lines().filter(line -> !line.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n")
                .replace(SCRIPT_TABLE + "_next_run_time_idx", table + "_next_run_time_idx")
                .replaceAll("\\b" + SCRIPT_TABLE + "\\b", Matcher.quoteReplacement(qualified));
        return Arrays.stream(sql.split(";")).map(String::trim).filter(statement -> !statement.isEmpty()).toList();
    }
}
