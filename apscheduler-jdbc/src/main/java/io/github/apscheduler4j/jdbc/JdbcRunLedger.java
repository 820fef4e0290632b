package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobCodec;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.RunJobReader;
import io.github.apscheduler4j.store.RunLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link JdbcJobStore}'s {@link RunLedger}: the runs table beside the jobs table ({@code <table>_runs}), one row per
 * fire claimed and not yet ended, keyed by job id and fire time. The store's claims insert the rows of the runs they
 * win in their own transaction ({@link #insert}); every other write here is one statement, a compare-and-set on the
 * row's holder ({@code instance_id}) or on its {@code version}, in a transaction of its own (or the caller's), so that
 * pools whose connections have auto-commit off commit them too.
 *
 * <p>A row's {@code job_state} is the job as claimed, in {@link JobCodec}'s JSON, read back by a {@link RunJobReader}:
 * a row whose state cannot be read back is reported with a stand-in job that no instance runs; a run waiting so (a
 * retry, a run handed back) stays listed, since no instance can run it.
 */
final class JdbcRunLedger implements RunLedger {

    private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);
    private static final String RUNNING = ClaimedRun.Phase.RUNNING.name();
    // the order in which a transaction writes several rows: renewals and a batch of ends that lock the same rows in
    // the same order cannot deadlock
    private static final Comparator<ClaimedRun> IN_KEY_ORDER = Comparator.comparing(ClaimedRun::jobId)
            .thenComparing(ClaimedRun::fireTime);
    // the most ends deleted in one transaction
    private static final int END_BATCH = 256;

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final JdbcTransactions transactions;
    private final String table;
    private final String insert;
    private final Supplier<JobStoreContext> context;
    private final String delete;
    private final String renew;
    private final RunJobReader jobs;
    // the ends not written yet, and whether a caller is writing them
    private final Queue<ClaimedRun> endings = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writingEnds = new AtomicBoolean();

    /** @param context the store's context once started: reading a run's job needs it */
    JdbcRunLedger(JdbcTemplate template, JdbcTransactions transactions, String table,
            Supplier<JobStoreContext> context) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.transactions = transactions;
        this.table = table;
        this.context = context;
        this.jobs = new RunJobReader(table, log);
        this.delete = "DELETE FROM " + table + " WHERE job_id = ? AND fire_time = ? AND instance_id = ?";
        this.renew = "UPDATE " + table + " SET lease_end = ?, version = version + 1 WHERE job_id = ? AND fire_time = ?"
                + " AND instance_id = ? AND phase = ?";
        this.insert = "INSERT INTO " + table + " (" + JobTable.RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /**
     * Inserts the rows of {@code runs}, their jobs' states given in {@code states}, as one batch on the caller's
     * connection: the claim's transaction.
     */
    void insert(Connection connection, List<ClaimedRun> runs, List<String> states) throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            if (runs.size() == 1) {
                new ArgumentPreparedStatementSetter(insertParams(runs.get(0), states.get(0))).setValues(statement);
                statement.executeUpdate();
                return;
            }
            for (int i = 0; i < runs.size(); i++) {
                new ArgumentPreparedStatementSetter(insertParams(runs.get(i), states.get(i))).setValues(statement);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Inserts the row of one run on the caller's JDBC client: the claim's transaction. */
    void insert(JdbcClient client, ClaimedRun run, String state) {
        client.sql(insert).params(insertParams(run, state)).update();
    }

    private static Object[] insertParams(ClaimedRun run, String state) {
        return new Object[] {run.jobId(), millis(run.fireTime()), nanos(run.fireTime()), run.instanceId(),
            run.leaseEnd().toEpochMilli(), run.attempt(), run.phase().name(), run.version(), state};
    }

    /** Inserts runs claimed elsewhere, in one transaction; the store's own claims insert theirs themselves. */
    @Override
    public void record(List<ClaimedRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        List<String> states = runs.stream().map(run -> JobCodec.encode(run.job())).toList();
        transactions.run(status -> template.execute((ConnectionCallback<Void>) connection -> {
            insert(connection, runs, states);
            return null;
        }));
    }

    @Override
    public void renew(String instanceId, Collection<ClaimedRun> runs, Instant leaseEnd) {
        List<Object[]> rows = runs.stream().sorted(IN_KEY_ORDER).map(run -> new Object[] {leaseEnd.toEpochMilli(),
            run.jobId(), millis(run.fireTime()), instanceId, RUNNING}).toList();
        inOneTransaction(renew, rows);
    }

    @Override
    public void expireLeases(String instanceId, Instant now) {
        transactions.update(() -> jdbc.sql("UPDATE " + table + " SET lease_end = ?, version = version + 1 WHERE"
                + " instance_id = ? AND phase = ? AND lease_end > ?").params(now.toEpochMilli(), instanceId, RUNNING,
                now.toEpochMilli()).update());
    }

    /**
     * Deletes the run's row if {@code run.instanceId()} still holds it. Ends are group-committed: the run joins a
     * queue, and the caller that finds no other writing it deletes what is queued, as batches of one transaction
     * each, until the queue is empty; a caller that finds another writing returns at once, its end written in that
     * writer's next batch. Every run ending is one executor thread's call, so this turns one commit per run into one per
     * batch; an end lost to a crash before its batch commits is what a crash right after the run would lose anyway
     * (the lease runs out, and a live instance recovers the run).
     */
    @Override
    public void end(ClaimedRun run) {
        if (run.instanceId() == null) {
            return;
        }
        endings.add(run);
        writeEnds();
    }

    /** Writes the queued ends unless another caller does; see {@link #end}. */
    private void writeEnds() {
        while (!endings.isEmpty() && writingEnds.compareAndSet(false, true)) {
            try {
                List<ClaimedRun> batch = new ArrayList<>();
                ClaimedRun next;
                while (batch.size() < END_BATCH && (next = endings.poll()) != null) {
                    batch.add(next);
                }
                deleteEnded(batch);
            } finally {
                writingEnds.set(false);
            }
        }
    }

    /** Runs {@code sql} once per row of parameters, as one statement or one batch, in one transaction. */
    private void inOneTransaction(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (rows.size() == 1) {
            transactions.update(() -> jdbc.sql(sql).params(rows.get(0)).update());
            return;
        }
        transactions.run(status -> template.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    new ArgumentPreparedStatementSetter(row).setValues(statement);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        }));
    }

    private void deleteEnded(List<ClaimedRun> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            inOneTransaction(delete, batch.stream().sorted(IN_KEY_ORDER).map(run -> new Object[] {run.jobId(),
                millis(run.fireTime()), run.instanceId()}).toList());
        } catch (RuntimeException e) {
            // queued again: the next end, or the scheduler's next heartbeat, writes them with its own
            endings.addAll(batch);
            if (batch.size() > 1) {
                log.error("The ends of {} runs (the first: job '{}' scheduled at {}) could not be recorded in {}; they"
                        + " are tried again with the next end", batch.size(), batch.get(0).jobId(),
                        batch.get(0).fireTime(), table, e);
            }
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for the ends queued by other callers to be written: as the store shuts down, so that
     * no end of a run that ran is left to run out as a lease.
     */
    void awaitEnds(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((!endings.isEmpty() || writingEnds.get()) && System.nanoTime() < deadline) {
            try {
                writeEnds();
            } catch (RuntimeException e) {
                return; // logged; the leases run out
            }
            if (writingEnds.get()) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    @Override
    public boolean release(ClaimedRun run, ClaimedRun.Phase phase, int attempt, Instant from) {
        if (run.instanceId() == null) {
            return false;
        }
        return transactions.update(() -> jdbc.sql("UPDATE " + table + " SET phase = ?, attempt = ?, lease_end = ?,"
                + " instance_id = NULL, version = version + 1 WHERE job_id = ? AND fire_time = ? AND instance_id = ?")
                .params(phase.name(), attempt, from.toEpochMilli(), run.jobId(), millis(run.fireTime()),
                        run.instanceId())
                .update()) == 1;
    }

    /**
     * One query on the {@code lease_end} index: a running run whose lease ended before {@code now}, or a waiting one
     * whose wait ended at {@code now} or before. The column holds milliseconds: a lease ending within the millisecond
     * of {@code now} counts as not yet ended.
     */
    @Override
    public List<ClaimedRun> upForGrabs(Instant now, int limit) {
        long millis = now.toEpochMilli();
        return runs(jdbc.sql("SELECT " + JobTable.RUN_COLUMNS + " FROM " + table + " WHERE lease_end <= ? AND (phase"
                + " <> ? OR lease_end < ?) ORDER BY fire_time, fire_nanos, job_id LIMIT ?")
                .params(millis, RUNNING, millis, limit).query(this::row).list());
    }

    @Override
    public ClaimedRun takeOver(ClaimedRun seen, String instanceId, int attempt, Instant leaseEnd) {
        int taken = transactions.update(() -> jdbc.sql("UPDATE " + table + " SET phase = ?, instance_id = ?, attempt"
                + " = ?, lease_end = ?, version = version + 1 WHERE job_id = ? AND fire_time = ? AND version = ?")
                .params(RUNNING, instanceId, attempt, leaseEnd.toEpochMilli(), seen.jobId(), millis(seen.fireTime()),
                        seen.version())
                .update());
        return taken == 1 ? seen.moved(ClaimedRun.Phase.RUNNING, instanceId, leaseEnd, attempt) : null;
    }

    @Override
    public List<ClaimedRun> all() {
        return runs(jdbc.sql("SELECT " + JobTable.RUN_COLUMNS + " FROM " + table
                + " ORDER BY fire_time, fire_nanos, job_id").query(this::row).list());
    }

    /** A row as read, its job not decoded yet: decoding needs no connection, so it happens after the query. */
    private record Row(String jobId, Instant fireTime, String instanceId, Instant leaseEnd, int attempt,
            ClaimedRun.Phase phase, long version, String state) {
    }

    private Row row(ResultSet rs, int rowNum) throws SQLException {
        Instant fireTime = Instant.ofEpochMilli(rs.getLong("fire_time")).plusNanos(rs.getInt("fire_nanos"));
        return new Row(rs.getString("job_id"), fireTime, rs.getString("instance_id"),
                Instant.ofEpochMilli(rs.getLong("lease_end")), rs.getInt("attempt"),
                ClaimedRun.Phase.valueOf(rs.getString("phase")), rs.getLong("version"), rs.getString("job_state"));
    }

    private List<ClaimedRun> runs(List<Row> rows) {
        List<ClaimedRun> runs = new ArrayList<>(rows.size());
        for (Row row : rows) {
            runs.add(new ClaimedRun(row.jobId(), row.fireTime(), row.instanceId(), row.leaseEnd(), row.attempt(),
                    row.phase(), row.version(), job(row)));
        }
        return runs;
    }

    /** The run's job, its next run time at the fire; a stand-in when its state cannot be read back. */
    private Job job(Row row) {
        return jobs.job(context.get(), row.jobId(), row.fireTime(), row.version(), row.state());
    }

    static long millis(Instant time) {
        return time.toEpochMilli();
    }

    /** The nanoseconds of {@code time} within its millisecond. */
    static int nanos(Instant time) {
        return time.getNano() % 1_000_000;
    }
}
