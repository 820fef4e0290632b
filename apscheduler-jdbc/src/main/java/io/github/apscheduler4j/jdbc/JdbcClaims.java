package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobCodec;
import io.github.apscheduler4j.store.JobStoreContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The compare-and-set claims on a {@link JdbcJobStore}'s table: each moves a job on only if its row still has the
 * version read, recording the claiming scheduler's instance id and the time (by its clock) in {@code claimed_by} and
 * {@code claimed_at}, in the same statement. A job whose trigger is exhausted is deleted instead, so its last claim
 * is not kept. The run a claim carries ({@link JobClaim#run()}) is inserted into the runs table in the same
 * transaction, only when the claim won: no claim wins without its run. One claim is one statement (two with its run);
 * several are one transaction of two statement batches, and a third inserting the runs of the claims that won.
 */
final class JdbcClaims {

    // the claims' lines have always been the store's
    private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);

    private final JdbcTemplate template;
    private final JdbcTransactions transactions;
    private final JdbcClient jdbc;
    private final JdbcRunLedger ledger;
    private final String removal;
    private final String move;
    // set once the database refused FOR UPDATE SKIP LOCKED
    private volatile boolean skipLockedRefused;

    JdbcClaims(JdbcTemplate template, JdbcTransactions transactions, String table, JdbcRunLedger ledger) {
        this.removal = "DELETE FROM " + table + " WHERE id = ? AND version = ? AND quarantined IS NULL";
        this.move = "UPDATE " + table + " SET next_run_time = ?, version = version + 1, job_state = ?,"
                + " claimed_by = ?, claimed_at = ? WHERE id = ? AND version = ? AND quarantined IS NULL";
        this.jdbc = JdbcClient.create(template);
        this.template = template;
        this.transactions = transactions;
        this.ledger = ledger;
    }

    /** Claims one job, and records its run when it carries one and won; see {@link JdbcJobStore#claimJob}. */
    boolean claim(JobStoreContext started, JobClaim claim) {
        Job due = claim.due();
        ZonedDateTime nextRunTime = claim.nextRunTime();
        String state = nextRunTime == null ? null : movedState(due, nextRunTime);
        Object[] params = nextRunTime == null ? new Object[] {due.id(), due.version()}
                : moveParams(started, due, nextRunTime, state);
        String sql = nextRunTime == null ? removal : move;
        ClaimedRun run = claim.run();
        if (run == null) {
            return transactions.update(() -> jdbc.sql(sql).params(params).update()) == 1;
        }
        String runState = runState(claim, state);
        return Boolean.TRUE.equals(transactions.run(status -> {
            if (jdbc.sql(sql).params(params).update() != 1) {
                return false;
            }
            ledger.insert(jdbc, run, runState);
            return true;
        }));
    }

    /**
     * Claims the jobs in one transaction: the removals, then the moves, each in id order, so that instances claiming
     * the same jobs lock their rows in the same order and never deadlock; a job another instance holds is waited
     * for, then found changed.
     *
     * @return the positions of the claims won, or {@code null} (the transaction rolled back) when the driver did not
     *     tell which statements of a batch matched ({@code SUCCESS_NO_INFO})
     */
    BitSet claimAll(JobStoreContext started, List<JobClaim> claims) {
        Comparator<Integer> byId = Comparator.comparing(i -> claims.get(i).due().id());
        List<Integer> removals = IntStream.range(0, claims.size()).filter(i -> claims.get(i).nextRunTime() == null)
                .boxed().sorted(byId).toList();
        List<Integer> moves = IntStream.range(0, claims.size()).filter(i -> claims.get(i).nextRunTime() != null)
                .boxed().sorted(byId).toList();
        List<Object[]> removalParams = new ArrayList<>(removals.size());
        for (int i : removals) {
            Job due = claims.get(i).due();
            removalParams.add(new Object[] {due.id(), due.version()});
        }
        List<Object[]> moveParams = new ArrayList<>(moves.size());
        String[] states = new String[claims.size()];
        for (int i : moves) {
            JobClaim claim = claims.get(i);
            states[i] = movedState(claim.due(), claim.nextRunTime());
            moveParams.add(moveParams(started, claim.due(), claim.nextRunTime(), states[i]));
        }
        // every run's state is encoded before the transaction starts: what cannot be encoded fails it before it locks
        String[] runStates = new String[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).run() != null) {
                runStates[i] = runState(claims.get(i), states[i]);
            }
        }
        return transactions.run(status -> template.execute((ConnectionCallback<BitSet>) connection -> {
            BitSet matched = new BitSet(claims.size());
            boolean told = batch(connection, removal, removals, removalParams, matched)
                    && batch(connection, move, moves, moveParams, matched);
            if (!told) {
                status.setRollbackOnly();
                return null;
            }
            List<ClaimedRun> runs = new ArrayList<>(matched.cardinality());
            List<String> inserted = new ArrayList<>(matched.cardinality());
            for (int i : removals) {
                addRun(claims, i, matched, runStates, runs, inserted);
            }
            for (int i : moves) {
                addRun(claims, i, matched, runStates, runs, inserted);
            }
            ledger.insert(connection, runs, inserted);
            return matched;
        }));
    }

    private static void addRun(List<JobClaim> claims, int i, BitSet matched, String[] runStates, List<ClaimedRun> runs,
            List<String> states) {
        ClaimedRun run = claims.get(i).run();
        if (run != null && matched.get(i)) {
            runs.add(run);
            states.add(runStates[i]);
        }
    }

    /**
     * Runs the claims as one batch, setting the positions of those that matched a row; false when the driver did not
     * say which.
     */
    private static boolean batch(Connection connection, String sql, List<Integer> positions, List<Object[]> params,
            BitSet matched) throws SQLException {
        if (positions.isEmpty()) {
            return true;
        }
        int[] counts;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] values : params) {
                // binds as JdbcClient's params do, typed values included
                new ArgumentPreparedStatementSetter(values).setValues(statement);
                statement.addBatch();
            }
            counts = statement.executeBatch();
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                return false;
            }
            if (counts[i] == 1) {
                matched.set(positions.get(i));
            }
        }
        return true;
    }

    private static String movedState(Job due, ZonedDateTime nextRunTime) {
        return JobCodec.encode(due.withNextRunTime(nextRunTime));
    }

    /**
     * The state to keep with the claim's run: that of its job, read back with its next run time at the fire. When the
     * run's job is the claimed one, the state just encoded for the moved row serves (the next run time in it differs
     * from the fire, so the fire is what the ledger reads back), which saves a second encoding per claim.
     */
    private static String runState(JobClaim claim, String movedState) {
        Job job = claim.run().job();
        return job == claim.due() && movedState != null ? movedState : JobCodec.encode(job);
    }

    private static Object[] moveParams(JobStoreContext started, Job due, ZonedDateTime nextRunTime, String state) {
        return new Object[] {JdbcJobStore.millis(nextRunTime), state, started.instanceId(), started.clock().millis(),
            due.id(), due.version()};
    }

    /**
     * Claims the jobs in one transaction ({@link #claimAll}); when the driver does not tell which statements of a batch
     * matched ({@code SUCCESS_NO_INFO}), rolls it back and claims them one by one, each with its run. When one of those
     * throws, the claims won before it are answered (the rest stay due), as {@code JobStore}'s default does.
     *
     * <p>A run is keyed by job id and fire time: a claim whose run's key is still in the runs table (the job was
     * removed and added again, or rewound, while that fire's run was still in flight or waiting for a retry) fails,
     * and the job stays due until that run ends.
     *
     * @param alias names the store in log messages
     */
    BitSet claimBatch(JobStoreContext started, List<JobClaim> claims, String alias) {
        if (claims.size() >= 2) {
            BitSet won = claimAll(started, claims);
            if (won != null) {
                return won;
            }
            log.debug("Job store '{}': the driver did not say which claims of a batch matched; claiming one by one",
                    alias);
        }
        BitSet won = new BitSet(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            try {
                if (claim(started, claims.get(i))) {
                    won.set(i);
                }
            } catch (RuntimeException e) {
                if (won.isEmpty()) {
                    throw e;
                }
                log.warn("Error claiming job '{}' in job store '{}'; it stays due", claims.get(i).due().id(), alias, e);
                return won;
            }
        }
        return won;
    }

    /** Reads due jobs, locked when given a source to read them from; see {@link JobRows#dueAt(long, int, String)}. */
    @FunctionalInterface
    interface DueJobs {
        List<Job> read(String lockingSource);
    }

    /**
     * Lock-and-fetch in one transaction: the due rows are read {@code FOR UPDATE SKIP LOCKED} from
     * {@code lockingSource} (rows that another instance is claiming now are passed over, so that instances take
     * disjoint batches), prepared, and claimed with their runs. Without a source (H2), or on a database that refused
     * {@code SKIP LOCKED} once (MariaDB before 10.6: said once, in a WARN), the rows are read without the lock: still
     * correct, as every claim is a compare-and-set, but instances then race for the same rows.
     */
    BitSet claimDue(JobStoreContext started, String lockingSource, DueJobs due,
            Function<List<Job>, List<JobClaim>> prepare, String alias) {
        return transactions.run(status -> {
            String source = skipLockedRefused ? null : lockingSource;
            List<Job> jobs;
            try {
                jobs = due.read(source);
            } catch (DataAccessException e) {
                if (source == null) {
                    throw e;
                }
                skipLockedRefused = true;
                log.warn("Job store '{}': the database refused SELECT ... FOR UPDATE SKIP LOCKED ({}); due jobs are read"
                        + " without it from now on, and instances sharing the store race for the same rows", alias,
                        e.getMostSpecificCause().getMessage());
                throw e;
            }
            List<JobClaim> toClaim = prepare.apply(jobs);
            if (toClaim.isEmpty()) {
                return new BitSet();
            }
            BitSet won = claimAll(started, toClaim);
            if (won == null) {
                throw new IncorrectResultSizeDataAccessException("the driver did not say which claims of a batch"
                        + " matched", toClaim.size());
            }
            return won;
        });
    }
}
