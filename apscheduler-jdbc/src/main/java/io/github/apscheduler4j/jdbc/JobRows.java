package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.store.JobCounts;
import io.github.apscheduler4j.store.QuarantinedJob;
import io.github.apscheduler4j.store.StoredJobReader.StoredJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store's reads of its table: one query each, on the {@code next_run_time} index where they filter by time, the
 * same on every database. Quarantined rows are left out of all but {@link #quarantined()}.
 */
final class JobRows {

    private static final String COLUMNS = JobTable.COLUMNS;
    private static final int IDS_PER_QUERY = 500;

    private final JdbcClient jdbc;
    private final String table;

    JobRows(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    List<StoredJob> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ? AND quarantined IS NULL").param(id)
                .query(JobRows::row).list();
    }

    /** The rows whose next run time is at or before {@code millis}, earliest first, ties by id. */
    List<StoredJob> dueAt(long millis) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE next_run_time <= ? AND quarantined IS NULL"
                + " ORDER BY next_run_time, id").param(millis).query(JobRows::row).list();
    }

    /**
     * At most {@code limit} of the rows due at {@code millis}, earliest first; with a {@code lockingSource} (what to
     * read them from: see {@link JdbcDialect#lockedDueRowsSource}), locked for the caller's transaction, leaving out
     * rows another transaction holds ({@code FOR UPDATE SKIP LOCKED}).
     */
    List<StoredJob> dueAt(long millis, int limit, String lockingSource) {
        // locking, the rows are taken in the index's order: a tie-break by id would sort every due row on each call
        // (a burst has thousands at one instant), where the index alone stops after the first few
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + (lockingSource == null ? table + " WHERE"
                + " next_run_time <= ? AND quarantined IS NULL ORDER BY next_run_time, id LIMIT ?" : lockingSource
                + " WHERE next_run_time <= ? AND quarantined IS NULL ORDER BY next_run_time LIMIT ? FOR UPDATE SKIP"
                + " LOCKED")).param(millis).param(limit).query(JobRows::row).list();
    }

    /** Scheduled rows by next run time (ties by id), then paused ones by id. */
    List<StoredJob> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE quarantined IS NULL ORDER BY CASE WHEN"
                + " next_run_time IS NULL THEN 1 ELSE 0 END, next_run_time, id").query(JobRows::row).list();
    }

    /** The readable rows counted, with a next run time and without: one aggregate, no row read. */
    JobCounts counts() {
        return jdbc.sql("SELECT COUNT(next_run_time), COUNT(*) FROM " + table + " WHERE quarantined IS NULL")
                .query((rs, n) -> new JobCounts(rs.getLong(1), rs.getLong(2) - rs.getLong(1))).single();
    }

    /** The earliest next run time, or {@code null}. */
    Instant earliest() {
        return jdbc.sql("SELECT next_run_time FROM " + table + " WHERE next_run_time IS NOT NULL AND quarantined IS NULL"
                + " ORDER BY next_run_time LIMIT 1").query((rs, n) -> Instant.ofEpochMilli(rs.getLong(1))).optional()
                .orElse(null);
    }

    /** The earliest next run time at or after {@code millis}, or {@code null}. */
    Instant earliestFrom(long millis) {
        return jdbc.sql("SELECT next_run_time FROM " + table + " WHERE next_run_time >= ? AND quarantined IS NULL"
                + " ORDER BY next_run_time LIMIT 1").param(millis).query((rs, n) -> Instant.ofEpochMilli(rs.getLong(1)))
                .optional().orElse(null);
    }

    List<QuarantinedJob> quarantined() {
        return jdbc.sql("SELECT id, quarantined, job_state FROM " + table + " WHERE quarantined IS NOT NULL ORDER BY id")
                .query((rs, n) -> new QuarantinedJob(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Whether a row of that id exists, quarantined or not ({@code readableOnly} false), or readable only. */
    boolean exists(String id, boolean readableOnly) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = ?" + (readableOnly ? " AND quarantined IS NULL"
                : "")).param(id).query(Long.class).single() > 0;
    }

    /**
     * The first of {@code ids} that a row has, quarantined or not, or {@code null}: one query per
     * {@value #IDS_PER_QUERY} ids.
     */
    String firstExisting(List<String> ids) {
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(from + IDS_PER_QUERY, ids.size()));
            Set<String> existing = new HashSet<>(jdbc.sql("SELECT id FROM " + table + " WHERE id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")").params(chunk)
                    .query(String.class).list());
            for (String id : chunk) {
                if (existing.contains(id)) {
                    return id;
                }
            }
        }
        return null;
    }

    private static StoredJob row(ResultSet rs, int rowNum) throws SQLException {
        long next = rs.getLong("next_run_time");
        Instant nextRunTime = rs.wasNull() ? null : Instant.ofEpochMilli(next);
        return new StoredJob(rs.getString("id"), rs.getString("job_state"), nextRunTime, rs.getLong("version"));
    }
}
