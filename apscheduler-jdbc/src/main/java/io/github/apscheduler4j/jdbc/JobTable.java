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
 * A {@link JdbcJobStore}'s tables, and getting them ready as the store starts: choosing the dialect, creating the jobs
 * table and its runs table ({@code <table>_runs}) from the dialect's schema script when {@code initialize_schema}
 * says so, and checking that they have the store's columns. Their names go into the store's SQL as they are, hence
 * the identifier rule: at most 40 characters, so that the longest name derived from the table's
 * ({@code <table>_runs_lease_end_idx}, 59 characters) still fits PostgreSQL's 63 and MariaDB's 64.
 */
final class JobTable {

    static final String IDENTIFIER_RULE = "must be a plain SQL identifier: a letter or _, then letters, digits or _,"
            + " 40 characters at most";
    /** The columns the store reads; a table without them fails the start. */
    static final String COLUMNS = "id, next_run_time, version, job_state";
    /** The columns of the runs table, which the ledger reads; a table without them fails the start. */
    static final String RUN_COLUMNS = "job_id, fire_time, fire_nanos, instance_id, lease_end, attempt, phase, version,"
            + " job_state";
    /** What the runs table's name adds to the jobs table's. */
    static final String RUNS_SUFFIX = "_runs";

    // the start-up line has always been the store's
    private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
    private static final String SCRIPT_TABLE = "apscheduler_jobs";
    // the script's names that stand for the store's: the table, its runs table and their indexes, in one pass
    private static final Pattern SCRIPT_NAMES = Pattern.compile("\\b" + SCRIPT_TABLE
            + "(_next_run_time_idx|_runs_lease_end_idx|_runs)?\\b");

    private final String name;
    private final String qualifiedName;
    private final String runsQualifiedName;
    private final SchemaInitialization initialization;
    private final JdbcDialect configuredDialect;

    /**
     * @param schema the schema holding the table, or {@code null} for the connection's
     * @param configuredDialect the dialect, or {@code null} to choose it from the database's metadata
     */
    JobTable(String schema, String name, SchemaInitialization initialization, JdbcDialect configuredDialect) {
        this.qualifiedName = schema == null ? name : schema + "." + name;
        this.runsQualifiedName = qualifiedName + RUNS_SUFFIX;
        this.name = name;
        this.initialization = initialization;
        this.configuredDialect = configuredDialect;
    }

    static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }

    /** The table's own name, without its schema: what its index names begin with. */
    String name() {
        return name;
    }

    /** The name the store's SQL uses: {@code schema.table}, or the table's name alone. */
    String qualifiedName() {
        return qualifiedName;
    }

    /** The runs table's name as the store's SQL uses it: {@code schema.table_runs}, or {@code table_runs}. */
    String runsQualifiedName() {
        return runsQualifiedName;
    }

    /**
     * Chooses the dialect and logs it, creates the table if {@code initialize_schema} says so, and checks it.
     *
     * @param alias names the store in the log and in errors
     * @throws IllegalStateException when a table is missing or lacks columns
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
            throw missing(qualifiedName, dialect, alias, e);
        }
        try {
            statement.executeQuery("SELECT " + RUN_COLUMNS + " FROM " + runsQualifiedName + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw missing(runsQualifiedName, dialect, alias, e);
        }
    }

    private static MissingJobTableException missing(String table, JdbcDialect dialect, String alias, SQLException e) {
        // the script creates only what is missing, so that running it again on a database of an older version adds
        // the runs table and leaves the jobs as they are
        return new MissingJobTableException(table, alias, dialect.schemaLocation(), e);
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
        String text = script.lines().filter(line -> !line.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        // index names are unqualified: an index lives in its table's schema
        String sql = SCRIPT_NAMES.matcher(text).replaceAll(match -> Matcher.quoteReplacement(switch (
                String.valueOf(match.group(1))) {
            case "_next_run_time_idx", "_runs_lease_end_idx" -> name + match.group(1);
            case "_runs" -> runsQualifiedName;
            default -> qualifiedName;
        }));
        return Arrays.stream(sql.split(";")).map(String::trim).filter(statement -> !statement.isEmpty()).toList();
    }
}
