package io.github.apscheduler4j.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.RecordedClaim;
import io.github.apscheduler4j.test.SharedJobStoreContract;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shared-store contract on a database; a leaf names the database. */
abstract class JdbcJobStoreContract extends SharedJobStoreContract {

    /** The database under test (skipping the test when it is not configured). */
    protected abstract DataSource dataSource();

    /**
     * On PostgreSQL, each store object LISTENs on a connection of its own, outside the test pool: a test opens up to
     * four store objects, and the pool has four connections.
     */
    /** Where the stores get their connections: the test's own pool unless a leaf says otherwise. */
    protected DataSource storeDataSource() {
        return dataSource();
    }

    @Override
    protected JobStore newStore() {
        DataSource dataSource = storeDataSource();
        return JdbcJobStore.builder(dataSource).initializeSchema(SchemaInitialization.ALWAYS)
                .listenerDataSource(unpooled(dataSource)).build();
    }

    /** A pool of its own on the same database, closed with the store. */
    @Override
    protected JobStore newStoreWithItsOwnConnections() {
        HikariDataSource shared = (HikariDataSource) storeDataSource();
        HikariConfig config = new HikariConfig();
        shared.copyStateTo(config);
        config.setPoolName(shared.getPoolName() + "-instance");
        config.setMaximumPoolSize(2);
        HikariDataSource own = new HikariDataSource(config);
        return JdbcJobStore.builder(own).ownedDataSource(own).initializeSchema(SchemaInitialization.ALWAYS)
                .listenerDataSource(unpooled(own)).build();
    }

    static DataSource unpooled(DataSource dataSource) {
        HikariDataSource pool = (HikariDataSource) dataSource;
        return new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
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

    @Override
    protected void removeAllRuns() {
        JdbcClient.create(dataSource()).sql("DELETE FROM apscheduler_jobs_runs").update();
    }

    @Override
    protected RecordedClaim readClaim(String id) {
        return JdbcClient.create(dataSource())
                .sql("SELECT claimed_by, claimed_at FROM apscheduler_jobs WHERE id = ? AND claimed_by IS NOT NULL")
                .param(id)
                .query((rs, n) -> new RecordedClaim(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                .optional().orElse(null);
    }
}
