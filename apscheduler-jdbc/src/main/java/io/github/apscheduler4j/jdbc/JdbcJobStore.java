package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobCodec;
import io.github.apscheduler4j.store.JobCounts;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.QuarantinedJob;
import io.github.apscheduler4j.store.RunLedger;
import io.github.apscheduler4j.store.StaleJobException;
import io.github.apscheduler4j.store.StoredJobReader.StoredJob;
import io.github.apscheduler4j.store.StoredJobReader;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps jobs in a table of a relational database: APScheduler's {@code SQLAlchemyJobStore}, on spring-jdbc. One row
 * per job holds the next run time (epoch milliseconds, indexed; {@code null} while paused), the version, a quarantine
 * reason and the job's JSON state (see {@link JobCodec}). Due jobs and the earliest next run time are single indexed
 * queries, every write a single statement ({@link #addJobs}: one transaction of statement batches), and
 * {@link #claimJob} a compare-and-set on the version, so that several schedulers may share the table. The statements
 * are the same on every database; what differs is a {@link JdbcDialect}'s. Database errors surface as Spring's
 * {@code DataAccessException}s.
 *
 * <p>The store is {@linkplain #isShared() shared}: each claim that wins also records the claiming scheduler's
 * instance id and the time in {@code claimed_by} and {@code claimed_at}, and inserts the claim's run into the runs
 * table beside the jobs table ({@code <table>_runs}, its {@link #runLedger()}) in the same transaction. On PostgreSQL,
 * adds, updates and removals also send {@code pg_notify('<table>_changed', id)} (a batch of adds sends one,
 * {@code *}), and the store LISTENs on that channel (a {@link PostgresChangeListener}, holding one connection) to
 * wake its scheduler when another instance changes a job.
 *
 * <p>Made with {@link #builder(DataSource)}, on the application's data source (which the store never closes), or by
 * {@link JdbcJobStoreFactory} from a URL (a pool the store owns and closes on {@link #shutdown()}). Thread safe.
 */
public final class JdbcJobStore implements JobStore {

    /** The table's name unless told otherwise (APScheduler's default). */
    public static final String DEFAULT_TABLE = "apscheduler_jobs";
    /** The longest job id the table holds. */
    public static final int MAX_ID_LENGTH = 191;

    private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);
    private static final int MAX_REASON_LENGTH = 1000;

    private final AutoCloseable ownedDataSource;
    private final JobTable jobTable;
    private final String table;
    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final JdbcTransactions transactions;
    private final JdbcClaims claims;
    private final JdbcRunLedger runs;
    private final JobRows rows;
    private final JobInserts inserts;
    private final boolean listenForChanges;
    private final DataSource listenerDataSource;
    private volatile StoredJobReader reader;
    private volatile JobStoreContext context;
    private volatile String alias = "?";
    private volatile JdbcDialect dialect;
    // what lock-and-fetch reads due rows from, FOR UPDATE SKIP LOCKED; null where the dialect cannot (chosen at start)
    private volatile String lockingSource;
    private JdbcDialect.ChangeListener listener;

    JdbcJobStore(JdbcJobStoreBuilder b) {
        this.ownedDataSource = b.ownedDataSource;
        this.jobTable = new JobTable(b.tableSchema, b.tableName, b.initialization, b.dialect);
        this.table = jobTable.qualifiedName();
        this.template = new JdbcTemplate(b.dataSource);
        this.jdbc = JdbcClient.create(template);
        this.transactions = new JdbcTransactions(b.dataSource);
        this.runs = new JdbcRunLedger(template, transactions, jobTable.runsQualifiedName(), this::started);
        this.claims = new JdbcClaims(template, transactions, table, runs);
        this.rows = new JobRows(jdbc, table);
        this.inserts = new JobInserts(template, transactions, table, rows);
        this.listenForChanges = b.listenForChanges;
        this.listenerDataSource = b.listenerDataSource != null ? b.listenerDataSource : b.dataSource;
    }

    /** A store on {@code dataSource}, which stays the caller's to close. */
    public static JdbcJobStoreBuilder builder(DataSource dataSource) {
        return new JdbcJobStoreBuilder(dataSource);
    }

    /**
     * Chooses the dialect, creates the table if {@code initialize_schema} says so, and checks that it exists. On
     * PostgreSQL, then listens for changes made by other store objects (unless told not to).
     */
    @Override
    public synchronized void start(JobStoreContext context) {
        if (context.instanceId().length() > MAX_ID_LENGTH) {
            // claimed_by and the runs' instance_id hold it: a longer one would fail every claim, not the start
            throw new InvalidConfigurationException("instance_id", context.instanceId().substring(0, 40) + "...",
                    "is " + context.instanceId().length() + " characters long, longer than the " + MAX_ID_LENGTH
                            + " that job store '" + context.alias() + "' holds in its claimed_by column");
        }
        alias = context.alias();
        reader = new StoredJobReader(context, table, this::quarantine, log);
        this.context = context; // after the reader: a context means a started store, one that can read
        dialect = transactions.run(status -> jobTable.prepare(template, alias));
        lockingSource = dialect.skipsLockedRows() ? dialect.lockedDueRowsSource(table, jobTable.name()) : null;
        stopListener();
        if (listenForChanges) {
            listener = dialect.listenForChanges(listenerDataSource, table, context.wakeup(), alias);
        }
    }

    /** Always: other schedulers may share the table. */
    @Override
    public boolean isShared() {
        return true;
    }

    /**
     * Stops listening for changes, waits (up to 5 seconds) for the ends of runs queued by its run ledger to be written,
     * and closes the pool the store made from a URL; a data source given to the builder is left open.
     */
    @Override
    public void shutdown() {
        stopListener();
        runs.awaitEnds(Duration.ofSeconds(5));
        if (ownedDataSource != null) {
            try {
                ownedDataSource.close();
            } catch (Exception e) {
                log.warn("Error closing the connection pool of job store '{}'", alias, e);
            }
        }
    }

    private synchronized void stopListener() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }

    @Override
    public Job lookupJob(String id) {
        return jobs(rows.byId(id)).stream().findFirst().orElse(null);
    }

    @Override
    public List<Job> dueJobs(Instant now) {
        return dueOnly(jobs(rows.dueAt(now.toEpochMilli())), now);
    }

    // the column holds milliseconds; a job due later within the last one is not due yet
    private static List<Job> dueOnly(List<Job> jobs, Instant now) {
        jobs.removeIf(job -> job.nextRunTime().toInstant().isAfter(now));
        return jobs;
    }

    @Override
    public List<Job> dueJobs(Instant now, int limit) {
        return dueOnly(jobs(rows.dueAt(now.toEpochMilli(), limit, null)), now);
    }

    /** Lock-and-fetch in one transaction; see {@link JdbcClaims#claimDue}. */
    @Override
    public BitSet claimDueJobs(Instant now, int limit, Function<List<Job>, List<JobClaim>> prepare) {
        return claims.claimDue(started(), lockingSource, source -> dueOnly(jobs(rows.dueAt(now.toEpochMilli(), limit,
                source)), now), prepare, alias);
    }

    /**
     * The earliest next run time in the millisecond of {@code instant} or later: the column holds milliseconds, so a
     * job due later within that millisecond is not missed (one due earlier within it may be answered).
     */
    @Override
    public Instant nextRunTimeAfter(Instant instant) {
        return rows.earliestFrom(instant.toEpochMilli());
    }

    @Override
    public Instant nextRunTime() {
        return rows.earliest();
    }

    @Override
    public List<Job> allJobs() {
        return jobs(rows.all());
    }

    @Override
    public JobCounts countJobs() {
        return rows.counts();
    }

    /** The rows flagged as unreadable so far, by id; see {@link JobStore#quarantinedJobs()}. */
    @Override
    public List<QuarantinedJob> quarantinedJobs() {
        return rows.quarantined();
    }

    @Override
    public void addJob(Job job) {
        inserts.add(job, this::write);
    }

    /** All of the jobs, or none, in one transaction of statement batches; see {@link JobInserts#addAll}. */
    @Override
    public void addJobs(List<Job> jobs) {
        inserts.addAll(jobs, dialect);
    }

    /** Replaces the job's row if it still has the job's version; a quarantined row is left as it is. */
    @Override
    public void updateJob(Job job) {
        String state = JobCodec.encode(job);
        int updated = write("UPDATE " + table + " SET next_run_time = ?, version = version + 1, job_state = ? WHERE id = ?"
                + " AND version = ? AND quarantined IS NULL", millis(job.nextRunTime()), state, job.id(), job.version());
        if (updated == 0) {
            throw rows.exists(job.id(), true) ? new StaleJobException(job.id(), job.version()) : new JobLookupException(job.id());
        }
    }

    /** Removes the job's row, a quarantined one too. */
    @Override
    public void removeJob(String id) {
        if (write("DELETE FROM " + table + " WHERE id = ?", id) == 0) {
            throw new JobLookupException(id);
        }
    }

    @Override
    public void removeAllJobs() {
        JdbcDialect chosen = dialect;
        transactions.run(status -> {
            if (chosen == null) {
                jdbc.sql("DELETE FROM " + table).update(); // before start, as the write below
            } else {
                chosen.removeAllJobs(jdbc, table);
            }
            return null;
        });
    }

    /**
     * Moves the job on if it still has the version read, recording this scheduler's instance id and the time (by its
     * clock) in {@code claimed_by} and {@code claimed_at}, in the same statement. A job whose trigger is exhausted is
     * deleted instead, so its last claim is not kept.
     */
    @Override
    public boolean claimJob(Job due, ZonedDateTime nextRunTime) {
        return claims.claim(started(), new JobClaim(due, nextRunTime));
    }

    /**
     * Claims the jobs as {@link #claimJob} does, all in one transaction of two statement batches (one round trip
     * each), and a third inserting the runs of the claims that won into the runs table; see {@link JdbcClaims#claimAll}.
     */
    @Override
    public BitSet claimJobs(List<JobClaim> claims) {
        return this.claims.claimBatch(started(), claims, alias);
    }

    /**
     * The runs table beside the jobs table ({@code <table>_runs}), written in each claim's transaction. Removing jobs
     * leaves it as it is: a run in flight still ends visibly.
     */
    @Override
    public RunLedger runLedger() {
        return runs;
    }

    /**
     * Runs an INSERT, UPDATE or DELETE of one job's row and returns the number of rows written; the dialect may tell
     * other instances in the same statement. Before start, when no dialect is chosen yet, the statement alone.
     */
    private int write(String sql, Object... params) {
        JdbcDialect chosen = dialect;
        return transactions.update(() -> chosen == null ? jdbc.sql(sql).params(params).update()
                : chosen.writeJob(jdbc, table, sql, params));
    }

    private JobStoreContext started() {
        JobStoreContext current = context;
        if (current == null) {
            throw new IllegalStateException("JdbcJobStore on " + table + " has not been started by a scheduler");
        }
        return current;
    }

    /** The rows' jobs; a row that cannot be read back is flagged, logged once, and left out. */
    private List<Job> jobs(List<StoredJob> rows) {
        started();
        return reader.jobs(rows);
    }

    private boolean quarantine(StoredJob row, String reason) {
        String stored = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        return transactions.update(() -> jdbc.sql("UPDATE " + table + " SET quarantined = ? WHERE id = ? AND version = ?"
                + " AND quarantined IS NULL").params(stored, row.id(), row.version()).update()) == 1;
    }

    static SqlParameterValue millis(ZonedDateTime time) {
        return new SqlParameterValue(Types.BIGINT, time == null ? null : time.toInstant().toEpochMilli());
    }

    @Override
    public String toString() {
        return "JdbcJobStore[table=" + table + "]";
    }
}
