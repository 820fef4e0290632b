package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.job.Job;
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
import java.util.stream.IntStream;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The compare-and-set claims on a {@link JdbcJobStore}'s table: each moves a job on only if its row still has the
 * version read, recording the claiming scheduler's instance id and the time (by its clock) in {@code claimed_by} and
 * {@code claimed_at}, in the same statement. A job whose trigger is exhausted is deleted instead, so its last claim
 * is not kept. One claim is one statement; several are one transaction of two statement batches.
 */
final class JdbcClaims {

    private final JdbcTemplate template;
    private final JdbcTransactions transactions;
    private final JdbcClient jdbc;
    private final String removal;
    private final String move;

    JdbcClaims(JdbcTemplate template, JdbcTransactions transactions, String table) {
        this.template = template;
        this.transactions = transactions;
        this.jdbc = JdbcClient.create(template);
        this.removal = "DELETE FROM " + table + " WHERE id = ? AND version = ? AND quarantined IS NULL";
        this.move = "UPDATE " + table + " SET next_run_time = ?, version = version + 1, job_state = ?,"
                + " claimed_by = ?, claimed_at = ? WHERE id = ? AND version = ? AND quarantined IS NULL";
    }

    /** Claims one job; see {@link JdbcJobStore#claimJob}. */
    boolean claim(JobStoreContext started, Job due, ZonedDateTime nextRunTime) {
        Object[] params = nextRunTime == null ? new Object[] {due.id(), due.version()}
                : moveParams(started, due, nextRunTime);
        return transactions.update(() -> jdbc.sql(nextRunTime == null ? removal : move).params(params).update()) == 1;
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
        for (int i : moves) {
            moveParams.add(moveParams(started, claims.get(i).due(), claims.get(i).nextRunTime()));
        }
        return transactions.run(status -> template.execute((ConnectionCallback<BitSet>) connection -> {
            BitSet matched = new BitSet(claims.size());
            boolean told = batch(connection, removal, removals, removalParams, matched)
                    && batch(connection, move, moves, moveParams, matched);
            if (!told) {
                status.setRollbackOnly();
                return null;
            }
            return matched;
        }));
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

    private static Object[] moveParams(JobStoreContext started, Job due, ZonedDateTime nextRunTime) {
        String state = JobCodec.encode(due.withNextRunTime(nextRunTime));
        return new Object[] {JdbcJobStore.millis(nextRunTime), state, started.instanceId(), started.clock().millis(),
            due.id(), due.version()};
    }
}
