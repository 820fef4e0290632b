package io.github.apscheduler4j.benchmarks.jdbc;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.benchmarks.support.Bench;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.SchemaInitialization;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The PostgreSQL stores: {@code jobs} no-op one-shot jobs due now, run by one scheduler instance and then by two sharing
 * the table (two schedulers in one JVM, each with its own connection pool and store, as two nodes would be), with 10
 * workers per instance: executions per second from the start (or resume) of the instances to the last run, then a
 * check that every job ran exactly once (no duplicate, no loss) and that the table is empty (this project: its jobs
 * table and its runs table).
 *
 * <p>Peers on the same database, each in a schema of its own that the benchmark creates and drops: this project's
 * {@link JdbcJobStore}; db-scheduler 16.7.1 with its default polling (fetch, then lock each execution) and with
 * lock-and-fetch ({@code SELECT ... FOR UPDATE SKIP LOCKED}, recommended for PostgreSQL); Quartz 2.5.2's JobStoreTX,
 * clustered. The jobs are stored before the instances start (this project: added to paused schedulers, then resumed;
 * db-scheduler: one batch insert with its client; Quartz: {@code scheduleJobs} in standby), so only dispatch is timed.
 * No misfire limit cuts a late run (this project: no misfire grace time; Quartz: a misfire threshold of 10 minutes).
 *
 * <p>Each scenario runs in a JVM of its own. PostgreSQL from {@code APSCHEDULER_BENCH_POSTGRES_URL}, else
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Arguments: {@code [jobs [quartzJobs]]}, defaults 10000
 * and the same for Quartz.
 */
public final class JdbcDispatchBenchmark {

    static final ZoneId UTC = ZoneId.of("UTC");
    private static final int WORKERS = 10;
    private static final List<String> SCENARIOS = List.of("apscheduler4j", "db-scheduler", "db-scheduler-lock-and-fetch",
            "quartz");
    private static final Map<String, String> NAMES = Map.of(
            "apscheduler4j", "apscheduler4j JdbcJobStore",
            "db-scheduler", "db-scheduler 16.7.1, default polling (fetch-and-lock-on-execute)",
            "db-scheduler-lock-and-fetch", "db-scheduler 16.7.1, lock-and-fetch (FOR UPDATE SKIP LOCKED)",
            "quartz", "Quartz 2.5.2 JobStoreTX, clustered");

    private static volatile AtomicIntegerArray runs;
    private static volatile CountDownLatch done;

    private JdbcDispatchBenchmark() {
    }

    /** What every job runs: counts the run of job {@code index}. */
    public static void ran(int index) {
        runs.incrementAndGet(index);
        done.countDown();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--fork")) {
            forked(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int quartzJobs = args.length > 1 ? Integer.parseInt(args[1]) : jobs;
        System.out.println(Bench.machine());
        try (HikariDataSource pool = pool("public", 1)) {
            System.out.println(query(pool, "SELECT version()") + "; synchronous_commit "
                    + query(pool, "SHOW synchronous_commit") + ", fsync " + query(pool, "SHOW fsync"));
        }
        System.out.printf("PostgreSQL stores: %,d one-shot jobs due now (Quartz: %,d), %d workers per instance%n", jobs,
                quartzJobs, WORKERS);
        Bench.Table table = new Bench.Table("scheduler", "instances", "jobs", "executions/s", "time, s", "duplicates",
                "lost", "left in table");
        for (String scenario : SCENARIOS) {
            for (int instances = 1; instances <= 2; instances++) {
                int n = scenario.equals("quartz") ? quartzJobs : jobs;
                List<String> result = Bench.fork(JdbcDispatchBenchmark.class, List.of("-Xms1g", "-Xmx1g"), "--fork",
                        scenario, Integer.toString(instances), Integer.toString(n));
                String[] values = result.get(0).split(" ");
                double seconds = Double.parseDouble(values[0]);
                System.out.printf("%s, %d instance(s): %s%n", scenario, instances, result.get(0));
                table.row(NAMES.get(scenario), instances, Bench.fmt(n, 0), Bench.fmt(n / seconds, 0),
                        Bench.fmt(seconds, 2), values[1], values[2], values[3]);
            }
        }
        System.out.println();
        System.out.print(table);
    }

    private static void forked(String scenario, int instances, int jobs) throws Exception {
        Bench.quietLogging();
        runs = new AtomicIntegerArray(jobs);
        done = new CountDownLatch(jobs);
        String schema = "bench_" + scenario.replace('-', '_');
        try (HikariDataSource admin = pool("public", 2)) {
            execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
            double seconds;
            String table;
            try {
                switch (scenario) {
                    case "apscheduler4j" -> {
                        seconds = apscheduler(schema, instances, jobs);
                        table = schema + ".apscheduler_jobs";
                    }
                    case "db-scheduler", "db-scheduler-lock-and-fetch" -> {
                        seconds = dbScheduler(schema, instances, jobs, scenario.endsWith("lock-and-fetch"));
                        table = schema + ".scheduled_tasks";
                    }
                    case "quartz" -> {
                        seconds = quartz(schema, instances, jobs);
                        table = schema + ".qrtz_triggers";
                    }
                    default -> throw new IllegalArgumentException(scenario);
                }
                int duplicates = 0;
                int lost = 0;
                for (int i = 0; i < jobs; i++) {
                    int count = runs.get(i);
                    duplicates += Math.max(0, count - 1);
                    lost += count == 0 ? 1 : 0;
                }
                String left = query(admin, "SELECT count(*) FROM " + table);
                if (scenario.equals("apscheduler4j")) {
                    // and the runs not ended: every run must have ended by the time the schedulers shut down
                    left = Long.toString(Long.parseLong(left) + Long.parseLong(query(admin, "SELECT count(*) FROM "
                            + table + "_runs")));
                }
                System.out.println(Bench.RESULT + String.format(Locale.ROOT, "%.3f %d %d %s", seconds, duplicates, lost,
                        left));
            } finally {
                execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    // ------------------------------------------------------------------ apscheduler4j

    private static double apscheduler(String schema, int instances, int jobs) throws InterruptedException {
        List<HikariDataSource> pools = new ArrayList<>();
        List<BackgroundScheduler> schedulers = new ArrayList<>();
        try {
            for (int i = 1; i <= instances; i++) {
                HikariDataSource pool = pool(schema, 4);
                pools.add(pool);
                JdbcJobStore store = JdbcJobStore.builder(pool).tableSchema(schema)
                        .initializeSchema(SchemaInitialization.ALWAYS).build();
                BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                        .timezone(UTC)
                        .instanceId("bench-" + i)
                        .jobstore("default", store)
                        .executor("default", new ThreadPoolJobExecutor(WORKERS))
                        .jobDefaults(JobDefaults.APSCHEDULER.withMisfireGraceTime(null))
                        .build());
                scheduler.start(true);
                schedulers.add(scheduler);
            }
            ZonedDateTime now = ZonedDateTime.now(UTC);
            String target = JdbcDispatchBenchmark.class.getName() + "::ran";
            for (int i = 0; i < jobs; i++) {
                schedulers.get(0).addJob(JobSpec.builder(target).id("job-" + i).args(i).trigger(DateTrigger.at(now))
                        .build());
            }
            long started = System.nanoTime();
            schedulers.forEach(BackgroundScheduler::resume);
            return awaitRuns(started, "apscheduler4j");
        } finally {
            schedulers.forEach(scheduler -> scheduler.shutdown(true));
            pools.forEach(HikariDataSource::close);
        }
    }

    // ------------------------------------------------------------------ db-scheduler

    private static double dbScheduler(String schema, int instances, int jobs, boolean lockAndFetch) throws Exception {
        OneTimeTask<Integer> task = Tasks.oneTime("bench", Integer.class)
                .execute((instance, context) -> ran(instance.getData()));
        List<HikariDataSource> pools = new ArrayList<>();
        List<Scheduler> schedulers = new ArrayList<>();
        try (HikariDataSource pool = pool(schema, 2)) {
            execute(pool, resource("db-scheduler-postgresql.sql").split(";"));
            List<TaskInstance<?>> instancesToSchedule = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                instancesToSchedule.add(task.instance("job-" + i, i));
            }
            SchedulerClient client = SchedulerClient.Builder.create(pool, task).build();
            client.scheduleBatch(instancesToSchedule, Instant.now());
        }
        try {
            for (int i = 1; i <= instances; i++) {
                HikariDataSource pool = pool(schema, WORKERS + 2);
                pools.add(pool);
                var builder = Scheduler.create(pool, task)
                        .threads(WORKERS)
                        .schedulerName(new SchedulerName.Fixed("bench-" + i))
                        .pollingInterval(Duration.ofSeconds(1));
                if (lockAndFetch) {
                    builder.pollUsingLockAndFetch(0.5, 1.0);
                }
                schedulers.add(builder.build());
            }
            long started = System.nanoTime();
            schedulers.forEach(Scheduler::start);
            return awaitRuns(started, "db-scheduler");
        } finally {
            schedulers.forEach(Scheduler::stop);
            pools.forEach(HikariDataSource::close);
        }
    }

    // ------------------------------------------------------------------ Quartz

    /** The Quartz job: counts the run of the job whose index its data holds. */
    public static final class QuartzJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            ran(context.getMergedJobDataMap().getInt("index"));
        }
    }

    private static double quartz(String schema, int instances, int jobs) throws Exception {
        try (HikariDataSource pool = pool(schema, 2)) {
            String ddl;
            try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
                ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<String> statements = new ArrayList<>();
            for (String statement : ddl.replaceAll("(?m)^(--|#).*$", "").split(";")) {
                if (!statement.isBlank() && !statement.trim().equalsIgnoreCase("commit")) {
                    statements.add(statement);
                }
            }
            execute(pool, statements.toArray(String[]::new));
        }
        List<org.quartz.Scheduler> schedulers = new ArrayList<>();
        try {
            for (int i = 1; i <= instances; i++) {
                Properties properties = new Properties();
                properties.setProperty("org.quartz.scheduler.instanceName", "bench-cluster");
                properties.setProperty("org.quartz.scheduler.instanceId", "bench-" + i);
                properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
                properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(WORKERS));
                properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
                properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
                properties.setProperty("org.quartz.jobStore.dataSource", "bench");
                properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
                properties.setProperty("org.quartz.jobStore.isClustered", "true");
                properties.setProperty("org.quartz.jobStore.misfireThreshold", "600000");
                properties.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
                properties.setProperty("org.quartz.dataSource.bench.driver", "org.postgresql.Driver");
                properties.setProperty("org.quartz.dataSource.bench.URL", url(schema));
                properties.setProperty("org.quartz.dataSource.bench.user", "postgres");
                properties.setProperty("org.quartz.dataSource.bench.password", "");
                properties.setProperty("org.quartz.dataSource.bench.maxConnections", Integer.toString(WORKERS + 2));
                schedulers.add(new StdSchedulerFactory(properties).getScheduler());
                // the factory hands out one scheduler per name in a JVM; the cluster's nodes share the name
                SchedulerRepository.getInstance().remove("bench-cluster");
            }
            Date now = new Date();
            Map<JobDetail, Set<? extends Trigger>> batch = new HashMap<>();
            for (int i = 0; i < jobs; i++) {
                JobDetail job = JobBuilder.newJob(QuartzJob.class).withIdentity("job-" + i).usingJobData("index", i)
                        .build();
                batch.put(job, Set.of(TriggerBuilder.newTrigger().withIdentity("trigger-" + i).startAt(now).build()));
            }
            schedulers.get(0).scheduleJobs(batch, false);
            long started = System.nanoTime();
            for (org.quartz.Scheduler scheduler : schedulers) {
                scheduler.start();
            }
            return awaitRuns(started, "Quartz");
        } finally {
            for (org.quartz.Scheduler scheduler : schedulers) {
                scheduler.shutdown(true);
            }
        }
    }

    // ------------------------------------------------------------------ support

    /** Waits for every run, then a second more for any duplicate; returns the seconds from {@code started} to the last run. */
    private static double awaitRuns(long started, String what) throws InterruptedException {
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + ": " + done.getCount() + " runs missing after 10 minutes");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(1_000);
        return seconds;
    }

    static String url(String schema) {
        String url = System.getenv().getOrDefault("APSCHEDULER_BENCH_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static HikariDataSource pool(String schema, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(schema));
        config.setMaximumPoolSize(size);
        config.setPoolName("bench-" + schema + "-" + size);
        return new HikariDataSource(config);
    }

    private static void execute(HikariDataSource pool, String... statements) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    private static String query(HikariDataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JdbcDispatchBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
