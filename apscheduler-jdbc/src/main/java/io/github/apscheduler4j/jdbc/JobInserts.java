package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobCodec;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The adds of a {@link JdbcJobStore}: one job's row in one statement, or a batch's rows in one transaction of statement
 * batches; an id already stored (a quarantined row's too) fails the add with a {@link ConflictingIdException} naming
 * it, and a batch adds all of its jobs or none.
 */
record JobInserts(JdbcTemplate template, JdbcTransactions transactions, String table, JobRows rows) {

    // rows per statement batch of a batch add
    private static final int BATCH_SIZE = 1000;

    /** Runs one job's write as the store does (on PostgreSQL, telling the other instances); returns rows written. */
    @FunctionalInterface
    interface Write {
        int run(String sql, Object... params);
    }

    void add(Job job, Write write) {
        String state = encode(job);
        try {
            write.run(JdbcDialect.insertSql(table), job.id(), JdbcJobStore.millis(job.nextRunTime()), state);
        } catch (DataIntegrityViolationException e) {
            if (rows.exists(job.id(), false)) {
                throw new ConflictingIdException(job.id());
            }
            throw e;
        }
    }

    /**
     * Inserts the jobs' rows in one transaction, as the dialect inserts them ({@value #BATCH_SIZE} per statement batch;
     * on PostgreSQL one {@code COPY}); on PostgreSQL the other instances are then notified once ({@code *}). All of
     * them, or none: an id that is stored (a quarantined row counts) or given twice fails the batch with a
     * {@link ConflictingIdException} naming it, and the transaction is rolled back. Every job is checked before the
     * transaction begins, so a job that cannot be stored (a lambda target, an id too long) fails the batch without a
     * round trip; each is encoded only as its rows are sent, so that the batch's JSON is never all in memory at once.
     *
     * @param dialect the store's, or {@code null} before it starts
     */
    void addAll(List<Job> jobs, JdbcDialect dialect) {
        ConflictingIdException.requireDistinctIds(jobs);
        if (jobs.isEmpty()) {
            return;
        }
        jobs.forEach(JobInserts::requireStorable);
        try {
            transactions.run(status -> {
                template.execute((ConnectionCallback<Void>) connection -> {
                    if (dialect != null) {
                        dialect.insertJobs(connection, table, jobs, BATCH_SIZE);
                    } else {
                        JdbcDialect.insertInBatches(connection, table, jobs, BATCH_SIZE);
                    }
                    return null;
                });
                if (dialect != null) {
                    dialect.jobsAdded(JdbcClient.create(template), table);
                }
                return null;
            });
        } catch (DataIntegrityViolationException e) {
            String taken = rows.firstExisting(jobs.stream().map(Job::id).toList());
            if (taken != null) {
                throw new ConflictingIdException(taken);
            }
            throw e;
        }
    }

    /** The job's JSON state. @throws IllegalArgumentException when its id is too long or it cannot be encoded */
    private static String encode(Job job) {
        requireStorable(job);
        return JobCodec.encodeStorable(job);
    }

    /** @throws IllegalArgumentException when the job's id is too long or it cannot be encoded */
    private static void requireStorable(Job job) {
        if (job.id().length() > JdbcJobStore.MAX_ID_LENGTH) {
            throw new IllegalArgumentException("job id '" + job.id().substring(0, 40) + "...' is " + job.id().length()
                    + " characters long, longer than the " + JdbcJobStore.MAX_ID_LENGTH + " a JdbcJobStore holds");
        }
        JobCodec.requireStorable(job);
    }
}
