package io.github.apscheduler4j.jdbc;

import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL: each write also tells the stores listening on the table's channel ({@link PostgresChangeListener#channel})
 * that a job changed, in the same statement ({@code pg_notify}, delivered when the write commits): one round trip, as
 * without it. The store LISTENs on that channel with a {@link PostgresChangeListener}.
 */
final class PostgreSqlDialect extends JdbcDialect {

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
