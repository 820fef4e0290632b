package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL: each write also tells the stores listening on the table's channel ({@link PostgresChangeListener#channel})
 * that a job changed, in the same statement ({@code pg_notify}, delivered when the write commits): one round trip, as
 * without it. The store LISTENs on that channel with a {@link PostgresChangeListener}.
 */
final class PostgreSqlDialect extends JdbcDialect {

    // characters of COPY text sent at a time
    private static final int COPY_CHUNK = 256 * 1024;

    PostgreSqlDialect() {
        super("POSTGRESQL", "postgresql");
    }

    /** Notifies the job's id. */
    @Override
    int writeJob(JdbcClient jdbc, String table, String sql, Object... params) {
        Object[] withChannel = Arrays.copyOf(params, params.length + 1);
        withChannel[params.length] = PostgresChangeListener.channel(table);
        return jdbc.sql("WITH written AS (" + sql + " RETURNING id) SELECT pg_notify(?, id) FROM written")
                .params(withChannel).query((rs, n) -> n).list().size();
    }

    /**
     * {@code COPY ... FROM STDIN}: PostgreSQL's own bulk load, in the batch add's transaction, a third of the time of
     * INSERT batches even when the driver rewrites those into multi-row INSERTs. A row whose id is taken fails the
     * whole copy, as it fails a batch.
     */
    @Override
    void insertJobs(Connection connection, String table, List<Job> jobs, int batchSize) throws SQLException {
        if (!isPgJdbc(connection)) {
            super.insertJobs(connection, table, jobs, batchSize);
            return;
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (id, next_run_time, version, job_state) FROM STDIN");
        try {
            StringBuilder text = new StringBuilder(COPY_CHUNK + 4096);
            for (Job job : jobs) {
                copyField(text, job.id()).append('\t');
                copyField(text, job.nextRunTime() == null ? null : job.nextRunTime().toInstant().toEpochMilli())
                        .append("\t1\t");
                copyField(text, JobCodec.encodeStorable(job)).append('\n');
                if (text.length() >= COPY_CHUNK) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Whether the connection is PostgreSQL's own driver's, which has the copy API (another driver may not). */
    private static boolean isPgJdbc(Connection connection) throws SQLException {
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (NoClassDefFoundError e) {
            return false;
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** A value in COPY's text format: {@code \N} for null, and backslash, tab, newline and return escaped. */
    private static StringBuilder copyField(StringBuilder text, Object value) {
        if (value == null) {
            return text.append("\\N");
        }
        String string = value.toString();
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text;
    }

    /** One notification, {@code *}, for the whole batch (delivered when it commits). */
    @Override
    void jobsAdded(JdbcClient jdbc, String table) {
        jdbc.sql("SELECT pg_notify(?, '*')").param(PostgresChangeListener.channel(table)).query((rs, n) -> n).list();
    }

    /** One notification, {@code *}, when anything was removed. */
    @Override
    void removeAllJobs(JdbcClient jdbc, String table) {
        jdbc.sql("WITH written AS (DELETE FROM " + table + " RETURNING id) SELECT pg_notify(?, '*') FROM (SELECT 1"
                + " FROM written LIMIT 1) removed").param(PostgresChangeListener.channel(table)).query((rs, n) -> n)
                .list();
    }

    @Override
    ChangeListener listenForChanges(DataSource dataSource, String table, Runnable onChange, String name) {
        PostgresChangeListener listener = new PostgresChangeListener(dataSource, PostgresChangeListener.channel(table),
                onChange, name);
        listener.start();
        return listener;
    }
}
