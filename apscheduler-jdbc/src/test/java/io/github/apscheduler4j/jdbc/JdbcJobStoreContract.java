package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.PersistentJobStoreContract;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The persistent-store contract on a database; a leaf names the database. */
abstract class JdbcJobStoreContract extends PersistentJobStoreContract {

    /** The database under test (skipping the test when it is not configured). */
    protected abstract DataSource dataSource();

    @Override
    protected JobStore newStore() {
        return JdbcJobStore.builder(dataSource()).initializeSchema(SchemaInitialization.ALWAYS).build();
    }

    @Override
    protected void writeRecord(String id, Instant nextRunTime, String state) {
        JdbcClient.create(dataSource())
                .sql("INSERT INTO apscheduler_jobs (id, next_run_time, version, job_state) VALUES (?, ?, 1, ?)")
                .params(id, new SqlParameterValue(Types.BIGINT, nextRunTime == null ? null : nextRunTime.toEpochMilli()),
                        state)
                .update();
    }

    @Override
    protected StoredRecord readRecord(String id) {
        return JdbcClient.create(dataSource())
                .sql("SELECT next_run_time, version, job_state FROM apscheduler_jobs WHERE id = ?").param(id)
                .query((rs, n) -> {
                    long next = rs.getLong(1);
                    Instant nextRunTime = rs.wasNull() ? null : Instant.ofEpochMilli(next);
                    return new StoredRecord(nextRunTime, rs.getLong(2), rs.getString(3));
                })
                .optional().orElse(null);
    }
}
