package io.github.apscheduler4j.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link JdbcJobStore}'s table, and getting it ready as the store starts: choosing the dialect, creating the table
 * from the dialect's schema script when {@code initialize_schema} says so, and checking that it has the store's
 * columns. Its names go into the store's SQL as they are, hence the identifier rule.
 */
final class JobTable {

    static final String IDENTIFIER_RULE = "must be a plain SQL identifier: a letter or _, then letters, digits or _,"
            + " 40 characters at most";
    /** The columns the store reads; a table without them fails the start. */
    static final String COLUMNS = "id, next_run_time, version, job_state";

    // the start-up line has always been the store's
    private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
    private static final String SCRIPT_TABLE = "apscheduler_jobs";

    private final String name;
    private final String qualifiedName;
    private final SchemaInitialization initialization;
    private final JdbcDialect configuredDialect;

    /**
     * @param schema the schema holding the table, or {@code null} for the connection's
     * @param configuredDialect the dialect, or {@code null} to choose it from the database's metadata
     */
    JobTable(String schema, String name, SchemaInitialization initialization, JdbcDialect configuredDialect) {
        this.name = name;
        this.qualifiedName = schema == null ? name : schema + "." + name;
        this.initialization = initialization;
        this.configuredDialect = configuredDialect;
    }

    static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }

    /** The name the store's SQL uses: {@code schema.table}, or the table's name alone. */
    String qualifiedName() {
        return qualifiedName;
    }

    /**
     * Chooses the dialect and logs it, creates the table if {@code initialize_schema} says so, and checks it.
     *
     * @param alias names the store in the log and in errors
     * @throws IllegalStateException when the table is missing or lacks columns
     */
    JdbcDialect prepare(JdbcTemplate template, String alias) {
        return template.execute((ConnectionCallback<JdbcDialect>) connection -> {
            DatabaseMetaData metaData = connection.getMetaData();
            JdbcDialect dialect = configuredDialect != null ? configuredDialect : JdbcDialect.of(metaData);
            log.info("Job store '{}': table {} on {} {}, {} dialect{}", alias, qualifiedName,
                    metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion(), dialect,
                    configuredDialect != null ? " (as configured)" : "");
            try (Statement statement = connection.createStatement()) {
                if (initialization.applies(dialect, metaData.getURL())) {
                    for (String sql : schemaStatements(dialect)) {
                        statement.execute(sql);
                    }
                }
                check(statement, dialect, alias);
            }
            return dialect;
        });
    }

    private void check(Statement statement, JdbcDialect dialect, String alias) {
        try {
            statement.executeQuery("SELECT " + COLUMNS + ", quarantined FROM " + qualifiedName + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw new IllegalStateException("Table " + qualifiedName + " of job store '" + alias + "' is missing or"
                    + " lacks columns: create it with " + dialect.schemaLocation() + " or set initialize_schema to"
                    + " always (" + e.getMessage() + ")", e);
        }
    }

    /** The dialect's schema script, written for {@code apscheduler_jobs}, as statements for this table. */
    private List<String> schemaStatements(JdbcDialect dialect) {
        String location = dialect.schemaLocation();
        String script;
        try (InputStream in = JobTable.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + location + " on the class path");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sql = script.lines().filter(line -> !line.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n")
                .replace(SCRIPT_TABLE + "_next_run_time_idx", name + "_next_run_time_idx")
                .replaceAll("\\b" + SCRIPT_TABLE + "\\b", Matcher.quoteReplacement(qualifiedName));
        return Arrays.stream(sql.split(";")).map(String::trim).filter(statement -> !statement.isEmpty()).toList();
    }
}
