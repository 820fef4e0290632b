package io.github.apscheduler4j.benchmarks.cluster;

import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.SchemaInitialization;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Executions per second of one, two and three scheduler instances sharing one PostgreSQL table: each run stores
 * {@code jobs} one-shot jobs (a {@code date} trigger, all due at once, no misfire grace time limit), starts the
 * instances paused, resumes them together, and times until every job has run; then checks that each job ran exactly
 * once (no duplicate, no loss). The instances are {@link BackgroundScheduler}s in this JVM, each with a store
 * object on a connection pool of its own (4 connections, as {@code JdbcJobStoreFactory} makes) and the default
 * executor (a pool of 10 threads); they share the JVM's processors as separate JVMs on one machine would. Each
 * pool counts the statements its connections prepare, to show what a run costs in round trips.
 *
 * <p>Run by hand (see README.md): {@code APSCHEDULER_BENCH_POSTGRES_URL} (or {@code APSCHEDULER_TEST_POSTGRES_URL})
 * names the database; the benchmark creates and drops its own table, {@code apscheduler_bench_cluster}. Arguments:
 * the number of jobs (10,000 unless given), the number of rounds (3 unless given), then the instance counts (1 2 3
 * unless given). A first round warms up and is not counted; each round runs every instance count once, in turn;
 * the table gives the median round, with the slowest and fastest rates beside it.
 *
 * <p>Each round also measures the floor of one commit per execution: the claim statement of a one-shot job
 * ({@code DELETE ... WHERE id = ? AND version = ?}) for every row, in a bare JDBC loop on one connection, autocommit,
 * without a scheduler.
 */
public final class ClusterThroughputBenchmark {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String TABLE = "apscheduler_bench_cluster";
    private static volatile AtomicIntegerArray runs = new AtomicIntegerArray(0);

    private ClusterThroughputBenchmark() {
    }

    // the work each job does, in milliseconds (system property bench.workMillis; 0: none)
    private static final long WORK_MILLIS = Long.getLong("bench.workMillis", 0);

    /** What every benchmark job runs: counts the run of job {@code index}, after its work (a sleep, as I/O would). */
    public static void execute(int index) throws InterruptedException {
        if (WORK_MILLIS > 0) {
            Thread.sleep(WORK_MILLIS);
        }
        runs.incrementAndGet(index);
    }

    public static void main(String[] args) throws Exception {
        String url = ClusterBench.postgresUrl();
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Integer> instanceCounts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            instanceCounts.add(Integer.parseInt(args[i]));
        }
        if (instanceCounts.isEmpty()) {
            instanceCounts = List.of(1, 2, 3);
        }

        Map<Integer, List<Result>> results = new TreeMap<>();
        List<Double> bare = new ArrayList<>();
        try (HikariDataSource admin = ClusterBench.pool(url, "bench-admin")) {
            JdbcClient sql = JdbcClient.create(admin);
            System.out.printf(Locale.ROOT, "%,d one-shot jobs due at once (%d ms of work each) on PostgreSQL %s; Java %s"
                    + " (%s), %d processors%n", jobs, WORK_MILLIS, sql.sql("SHOW server_version").query(String.class).single(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
            for (int instances : instanceCounts) {
                // warm-up, not counted: class loading, JIT, the table's first pages
                System.out.println("warm-up: " + run(url, admin, jobs, instances));
            }
            for (int round = 1; round <= rounds; round++) {
                double rate = bareDeletes(admin, jobs);
                System.out.printf(Locale.ROOT, "round %d: bare JDBC, %,d autocommit DELETEs on one connection: %,.0f/s%n",
                        round, jobs, rate);
                bare.add(rate);
                for (int instances : instanceCounts) {
                    Result result = run(url, admin, jobs, instances);
                    System.out.println("round " + round + ": " + result);
                    results.computeIfAbsent(instances, key -> new ArrayList<>()).add(result);
                }
            }
            sql.sql("DROP TABLE IF EXISTS " + TABLE).update();
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| instances | jobs   | executions/s, median of %d (min-max) | drain time (s) |"
                + " statements per execution | runs per instance    | duplicates | losses |%n", rounds);
        System.out.println("|-----------|--------|" + "-".repeat(38) + "|----------------|--------------------------|"
                + "----------------------|------------|--------|");
        results.forEach((instances, runs) -> {
            List<Result> byRate = runs.stream().sorted(Comparator.comparingDouble(Result::rate)).toList();
            Result median = byRate.get(byRate.size() / 2);
            int duplicates = runs.stream().mapToInt(Result::duplicates).sum();
            int losses = runs.stream().mapToInt(Result::losses).sum();
            System.out.printf(Locale.ROOT, "| %9d | %6d | %36s | %14.2f | %24.2f | %-20s | %10d | %6d |%n", instances,
                    jobs, String.format(Locale.ROOT, "%,.0f (%,.0f-%,.0f)", median.rate(), byRate.get(0).rate(),
                            byRate.get(byRate.size() - 1).rate()),
                    median.seconds(), median.statementsPerExecution(), median.perInstance(), duplicates, losses);
        });
        List<Double> sorted = bare.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%nFloor of one commit per execution (bare JDBC, %,d autocommit DELETEs by id and"
                + " version on one connection, no scheduler): %,.0f/s, median of %d (%,.0f-%,.0f)%n", jobs,
                sorted.get(sorted.size() / 2), sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** Rows deleted per second by the claim statement of a one-shot job, one autocommit statement per row. */
    private static double bareDeletes(HikariDataSource admin, int jobs) throws SQLException {
        String table = TABLE + "_bare";
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (id VARCHAR(191) COLLATE \"C\" NOT NULL PRIMARY KEY,"
                    + " next_run_time BIGINT, version BIGINT NOT NULL, job_state TEXT NOT NULL)");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, 0, 1, ?)")) {
                for (int i = 0; i < jobs; i++) {
                    insert.setString(1, String.format(Locale.ROOT, "job-%06d", i));
                    insert.setString(2, "{}");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("ANALYZE " + table);
            long started = System.nanoTime();
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE id = ? AND version = ?")) {
                for (int i = 0; i < jobs; i++) {
                    delete.setString(1, String.format(Locale.ROOT, "job-%06d", i));
                    delete.setLong(2, 1);
                    delete.executeUpdate();
                }
            }
            double rate = jobs / ((System.nanoTime() - started) / 1e9);
            statement.execute("DROP TABLE " + table);
            return rate;
        }
    }

    /** One run. @param duplicates extra runs over all jobs; @param losses jobs that never ran */
    private record Result(int instances, double seconds, double rate, double statementsPerExecution,
            List<Long> perInstance, int duplicates, int losses) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d instance(s): %.2f s, %,.0f executions/s, %.2f statements per"
                    + " execution, runs per instance %s, %d duplicates, %d losses", instances, seconds, rate,
                    statementsPerExecution, perInstance, duplicates, losses);
        }
    }

    private static Result run(String url, HikariDataSource admin, int jobs, int instances) throws Exception {
        JdbcClient sql = JdbcClient.create(admin);
        sql.sql("DROP TABLE IF EXISTS " + TABLE).update();
        sql.sql("DROP TABLE IF EXISTS " + TABLE + "_runs").update();
        JdbcJobStore filler = JdbcJobStore.builder(admin).tableName(TABLE).initializeSchema(SchemaInitialization.ALWAYS)
                .listenForChanges(false).build();
        filler.start(new JobStoreContext("bench", new ClassTargetResolver(), UTC, Clock.systemUTC()));
        ZonedDateTime due = ZonedDateTime.now(UTC);
        JobTarget target = JobTarget.of(ClusterThroughputBenchmark.class.getName() + "::execute");
        List<Job> batch = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            batch.add(Job.builder().id(String.format(Locale.ROOT, "job-%06d", i)).target(target)
                    .trigger(DateTrigger.at(due)).args(List.of(i)).misfireGraceTime(null).nextRunTime(due).build());
        }
        filler.addJobs(batch);
        sql.sql("ANALYZE " + TABLE).update();
        runs = new AtomicIntegerArray(jobs);

        List<HikariDataSource> pools = new ArrayList<>();
        List<LongAdder> statements = new ArrayList<>();
        List<BackgroundScheduler> schedulers = new ArrayList<>();
        List<LongAdder> executedBy = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            HikariDataSource pool = ClusterBench.pool(url, "bench-" + i);
            LongAdder prepared = new LongAdder();
            LongAdder executed = new LongAdder();
            pools.add(pool);
            statements.add(prepared);
            executedBy.add(executed);
            BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                    .instanceId("bench-" + i)
                    .timezone(UTC)
                    .jobstore("default", JdbcJobStore.builder(counting(pool, prepared)).tableName(TABLE)
                            .listenerDataSource(new DriverManagerDataSource(url)).build())
                    .executor("default", new ThreadPoolJobExecutor())
                    .build());
            scheduler.addListener(event -> executed.increment(), EventMask.of(EventType.JOB_EXECUTED));
            scheduler.start(true);
            schedulers.add(scheduler);
        }
        statements.forEach(LongAdder::reset);

        long started = System.nanoTime();
        schedulers.forEach(BackgroundScheduler::resume);
        while (executedSum(executedBy) < jobs) {
            Thread.sleep(1);
            if (System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
                System.err.println("Gave up after 5 minutes: " + executedSum(executedBy) + " of " + jobs + " ran");
                break;
            }
        }
        long elapsed = System.nanoTime() - started;
        long statementCount = statements.stream().mapToLong(LongAdder::sum).sum();
        for (BackgroundScheduler scheduler : schedulers) {
            scheduler.shutdown(true);
        }
        pools.forEach(HikariDataSource::close);
        filler.shutdown();

        long stored = sql.sql("SELECT COUNT(*) FROM " + TABLE).query(Long.class).single()
                + sql.sql("SELECT COUNT(*) FROM " + TABLE + "_runs").query(Long.class).single();
        int duplicates = 0;
        int losses = 0;
        for (int i = 0; i < jobs; i++) {
            int count = runs.get(i);
            if (count == 0) {
                losses++;
            } else if (count > 1) {
                duplicates += count - 1;
            }
        }
        if (stored != 0) {
            System.err.println(stored + " jobs or runs left in the tables");
        }
        List<Long> perInstance = executedBy.stream().map(LongAdder::sum).toList();
        double seconds = elapsed / 1e9;
        return new Result(instances, seconds, jobs / seconds, (double) statementCount / jobs, perInstance, duplicates,
                losses);
    }

    private static long executedSum(List<LongAdder> executedBy) {
        return executedBy.stream().mapToLong(LongAdder::sum).sum();
    }


    /** {@code dataSource}, counting the statements its connections prepare or create. */
    private static DataSource counting(DataSource dataSource, LongAdder statements) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                InvocationHandler handler = (proxy, method, arguments) -> {
                    String name = method.getName();
                    if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
                        statements.increment();
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, handler);
            }
        };
    }
}
