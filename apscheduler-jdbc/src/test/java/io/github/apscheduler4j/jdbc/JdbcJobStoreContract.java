package io.github.apscheduler4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.ContractJobs;
import io.github.apscheduler4j.test.RecordedClaim;
import io.github.apscheduler4j.test.SharedJobStoreContract;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
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

    /** Whether the database skips locked rows before its {@code LIMIT} (see {@link JdbcDialect#skipsLockedRows()}). */
    protected boolean skipsLockedRows() {
        return true;
    }

    @Test
    void lockAndFetchGivesTwoStoreObjectsClaimingAtOnceDisjointBatches() throws Exception {
        assumeTrue(skipsLockedRows(), "the database does not skip locked rows before its LIMIT");
        for (int i = 0; i < 20; i++) {
            store.addJob(ContractJobs.job(String.format("job-%02d", i), T0));
        }
        JobStore other = newStoreWithItsOwnConnections();
        other.start(storeContext());
        CountDownLatch firstHoldsItsRows = new CountDownLatch(1);
        CountDownLatch secondClaimed = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            List<String> firstRead = new CopyOnWriteArrayList<>();
            Future<BitSet> first = thread.submit(() -> store.claimDueJobs(T0, 10, jobs -> {
                jobs.forEach(job -> firstRead.add(job.id()));
                firstHoldsItsRows.countDown();
                try {
                    // the second claims while this transaction holds its rows
                    assertThat(secondClaimed.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return claimsOf(jobs);
            }));
            assertThat(firstHoldsItsRows.await(30, TimeUnit.SECONDS)).isTrue();
            List<String> secondRead = new ArrayList<>();
            BitSet secondWon = other.claimDueJobs(T0, 10, jobs -> {
                jobs.forEach(job -> secondRead.add(job.id()));
                return claimsOf(jobs);
            });
            secondClaimed.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS).cardinality()).isEqualTo(10);
            assertThat(firstRead).hasSize(10);
            assertThat(secondRead).as("the rows the first did not hold").hasSize(10)
                    .doesNotContainAnyElementsOf(firstRead);
            assertThat(secondWon.cardinality()).isEqualTo(10);
            assertThat(store.dueJobs(T0)).isEmpty();
        } finally {
            secondClaimed.countDown();
            thread.shutdownNow();
            other.shutdown();
        }
    }

    private static List<JobClaim> claimsOf(List<Job> jobs) {
        return jobs.stream().map(job -> new JobClaim(job, job.nextRunTime().plusMinutes(1))).toList();
    }
}
