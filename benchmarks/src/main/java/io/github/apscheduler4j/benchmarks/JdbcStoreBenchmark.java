package io.github.apscheduler4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.SchemaInitialization;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JDBC store on PostgreSQL with many jobs stored: how fast jobs are added, and how long the two queries the
 * scheduler makes on every wake-up take (the due jobs, and the earliest next run time). Run by hand, see README.md:
 * {@code APSCHEDULER_BENCH_POSTGRES_URL} (or {@code APSCHEDULER_TEST_POSTGRES_URL}) names the database; the
 * benchmark creates, fills and drops its own table, {@code apscheduler_bench_jobs}. The first argument, if any, is
 * the number of jobs (100,000 unless given).
 */
public final class JdbcStoreBenchmark {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String TABLE = "apscheduler_bench_jobs";
    private static final int DUE = 100;

    private JdbcStoreBenchmark() {
    }

    /** What the benchmark's jobs would run. */
    public static void noop() {
    }

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("APSCHEDULER_BENCH_POSTGRES_URL",
                System.getenv("APSCHEDULER_TEST_POSTGRES_URL"));
        if (url == null || url.isBlank()) {
            System.err.println("Set APSCHEDULER_BENCH_POSTGRES_URL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            System.exit(2);
        }
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            run(pool, jobs);
        }
    }

    private static void run(HikariDataSource pool, int jobs) {
        JdbcClient sql = JdbcClient.create(pool);
        sql.sql("DROP TABLE IF EXISTS " + TABLE).update();
        JobStore store = JdbcJobStore.builder(pool).tableName(TABLE).initializeSchema(SchemaInitialization.ALWAYS).build();
        store.start(new JobStoreContext("bench", new ClassTargetResolver(), UTC, Clock.systemUTC()));
        Trigger trigger = Triggers.create("interval", Map.of("minutes", 1, "start_date", "2030-01-01T00:00:00Z"), UTC);
        Job template = Job.builder().id("template").target(JobTarget.of(JdbcStoreBenchmark.class.getName() + "::noop"))
                .trigger(trigger).args(List.of(1, "two")).kwargs(Map.of("report", "nightly")).build();

        // one INSERT (and commit) per addJob, as the scheduler adds jobs: not batched
        long started = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            store.addJob(template.toBuilder().id("job-" + i).name("job " + i)
                    .nextRunTime(T0.plusSeconds(i).atZone(UTC)).build());
        }
        Duration adding = Duration.ofNanos(System.nanoTime() - started);
        sql.sql("ANALYZE " + TABLE).update();

        Instant now = T0.plusSeconds(DUE - 1);
        check(store.dueJobs(now).size() == DUE, "dueJobs should find " + DUE + " jobs");
        check(T0.equals(store.nextRunTime()), "nextRunTime should be " + T0);
        long[] due = time(50, 500, () -> store.dueJobs(now));
        long[] next = time(200, 2_000, store::nextRunTime);
        List<Job> dueJobs = store.dueJobs(now);
        long[] claim = new long[dueJobs.size()];
        for (int i = 0; i < claim.length; i++) {
            Job job = dueJobs.get(i);
            long start = System.nanoTime();
            check(store.claimJob(job, job.nextRunTime().plusMinutes(1)), "claimJob should win");
            claim[i] = System.nanoTime() - start;
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "JdbcJobStore on PostgreSQL %s, %,d jobs stored, %d due%n", sql.sql("SHOW server_version")
                .query(String.class).single(), jobs, DUE);
        System.out.printf(Locale.ROOT, "Java %s (%s), %d processors%n%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %-42s | %12s |%n", "add " + String.format(Locale.ROOT, "%,d", jobs)
                + " jobs, one addJob each", String.format(Locale.ROOT, "%,.0f jobs/s", jobs / seconds(adding)));
        System.out.printf(Locale.ROOT, "|%s|%s|%n%n", "-".repeat(44), "-".repeat(14));
        System.out.printf(Locale.ROOT, "| %-38s | %8s | %8s | %8s | %8s |%n", "operation (ms)", "median", "p95", "p99", "max");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%n", "-".repeat(40), "-".repeat(10), "-".repeat(10), "-".repeat(10),
                "-".repeat(10));
        row("dueJobs(now), " + DUE + " due (read + decode)", due);
        row("nextRunTime()", next);
        row("claimJob (compare-and-set write)", claim);
        System.out.println();
        System.out.println("Plan of the due-job query:");
        sql.sql("EXPLAIN SELECT id, next_run_time, version, job_state FROM " + TABLE + " WHERE next_run_time <= "
                + now.toEpochMilli() + " AND quarantined IS NULL ORDER BY next_run_time, id").query(String.class).list()
                .forEach(line -> System.out.println("    " + line));
        System.out.println("Plan of the next-run-time query:");
        sql.sql("EXPLAIN SELECT next_run_time FROM " + TABLE + " WHERE next_run_time IS NOT NULL AND quarantined IS NULL"
                + " ORDER BY next_run_time LIMIT 1").query(String.class).list()
                .forEach(line -> System.out.println("    " + line));
        store.shutdown();
        sql.sql("DROP TABLE " + TABLE).update();
    }

    private static long[] time(int warmup, int runs, Supplier<?> operation) {
        for (int i = 0; i < warmup; i++) {
            operation.get();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            operation.get();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void row(String operation, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %-38s | %8.3f | %8.3f | %8.3f | %8.3f |%n", operation, millis(sorted, 0.50),
                millis(sorted, 0.95), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }
}
