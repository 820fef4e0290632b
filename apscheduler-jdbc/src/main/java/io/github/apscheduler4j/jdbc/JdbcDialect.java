package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobCodec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What differs between the databases {@link JdbcJobStore} runs on, one small subclass per database (db-scheduler's
 * {@code JdbcCustomization}): the schema script, whether the database runs in this process, and how a write tells
 * other instances of it. The store's queries are the same on all of them. Chosen from the connection's
 * {@link DatabaseMetaData} unless the builder names one.
 */
public abstract sealed class JdbcDialect permits H2Dialect, PostgreSqlDialect, MariaDbDialect {

    public static final JdbcDialect H2 = new H2Dialect();
    public static final JdbcDialect POSTGRESQL = new PostgreSqlDialect();
    /** MariaDB, and MySQL 8 */
    public static final JdbcDialect MARIADB = new MariaDbDialect();

    private final String name;
    private final String platform;

    JdbcDialect(String name, String platform) {
        this.name = name;
        this.platform = platform;
    }

    /** The dialect of the database behind {@code metaData}. @throws UnsupportedDatabaseException for another database */
    public static JdbcDialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String lower = product.toLowerCase(Locale.ROOT);
        if (lower.contains("h2")) {
            return H2;
        }
        if (lower.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (lower.contains("mariadb") || lower.contains("mysql")) {
            return MARIADB;
        }
        throw new UnsupportedDatabaseException(product);
    }

    /** The platform name in the schema script's name: {@code schema-<platform>.sql}. */
    public String platform() {
        return platform;
    }

    /** The class-path location of the schema script, written for the table {@code apscheduler_jobs}. */
    public String schemaLocation() {
        return "io/github/apscheduler4j/jdbc/schema-" + platform + ".sql";
    }

    /** Whether the database at {@code url} runs inside this process, for {@code initialize_schema: embedded}. */
    public boolean isEmbedded(String url) {
        return false;
    }

    /**
     * Runs {@code sql}, an INSERT, UPDATE or DELETE of one job's row of {@code table}, and returns the number of rows
     * written.
     */
    int writeJob(JdbcClient jdbc, String table, String sql, Object... params) {
        return jdbc.sql(sql).params(params).update();
    }

    /**
     * Whether due rows are read {@code FOR UPDATE SKIP LOCKED} in a claim's transaction, so that instances claiming at
     * once take disjoint batches: on databases that skip locked rows before applying the {@code LIMIT}.
     */
    boolean skipsLockedRows() {
        return true;
    }

    /**
     * What the lock-and-fetch query reads due rows from: the table, or the table with a hint that makes the database
     * walk the next run time index, so that it locks only the rows it returns.
     *
     * @param table the table as the store's SQL names it
     * @param indexPrefix the table's own name, which its index names begin with
     */
    String lockedDueRowsSource(String table, String indexPrefix) {
        return table;
    }

    /**
     * Inserts the rows of new jobs, checked with {@link JobCodec#requireStorable}, at version 1, on the caller's
     * connection (the batch add's transaction): statement batches of {@code batchSize}, each job encoded as its batch
     * is filled, so that a batch's JSON is not all held at once.
     */
    void insertJobs(Connection connection, String table, List<Job> jobs, int batchSize) throws SQLException {
        insertInBatches(connection, table, jobs, batchSize);
    }

    /** The INSERT of a new job's row: {@code id, next_run_time, job_state}, at version 1. */
    static String insertSql(String table) {
        return "INSERT INTO " + table + " (id, next_run_time, version, job_state) VALUES (?, ?, 1, ?)";
    }

    /** {@link #insertJobs} as every database takes it: INSERT statement batches. */
    static void insertInBatches(Connection connection, String table, List<Job> jobs, int batchSize)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertSql(table))) {
            int inBatch = 0;
            for (Job job : jobs) {
                new ArgumentPreparedStatementSetter(new Object[] {job.id(), JdbcJobStore.millis(job.nextRunTime()),
                    JobCodec.encodeStorable(job)}).setValues(statement);
                statement.addBatch();
                if (++inBatch == batchSize) {
                    statement.executeBatch();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                statement.executeBatch();
            }
        }
    }

    /** Called in the transaction that added rows to {@code table} with one statement batch. */
    void jobsAdded(JdbcClient jdbc, String table) {
    }

    /** Deletes every row of {@code table}. */
    void removeAllJobs(JdbcClient jdbc, String table) {
        jdbc.sql("DELETE FROM " + table).update();
    }

    /**
     * Starts hearing of the changes other store objects make to {@code table}, calling {@code onChange} for each, on
     * a connection from {@code dataSource}; {@code null} on a database that does not tell.
     *
     * @param name names the store in log messages
     */
    ChangeListener listenForChanges(DataSource dataSource, String table, Runnable onChange, String name) {
        return null;
    }

    /** Hears of other instances' changes until stopped. */
    interface ChangeListener {

        void stop();
    }

    /** The dialect's constant's name, as the store's start-up log shows it: {@code POSTGRESQL}. */
    @Override
    public String toString() {
        return name;
    }
}
