package io.github.apscheduler4j.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.benchmarks.support.Bench;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.SchemaInitialization;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Adding one-shot jobs to a {@link JdbcJobStore} on PostgreSQL through the scheduler: {@code Scheduler.addJobs} (one
 * transaction, the rows sent with {@code COPY}), and {@code addJob} one by one (one INSERT and one commit each) as the
 * baseline. Each scenario in a JVM of its own, on a
 * started, paused scheduler (nothing runs), in a schema of its own that the run creates and drops. The specs are built
 * before the clock starts; the time covers making them into jobs, encoding their JSON and writing them. A batch
 * scenario adds the same jobs {@code rounds} times, the table emptied and a full collection made between rounds; the
 * first round includes the JIT's warm-up.
 *
 * <p>PostgreSQL from {@code APSCHEDULER_BENCH_POSTGRES_URL}, else
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Arguments: {@code [jobs [singleJobs [rounds]]]},
 * defaults 100000, 10000 and 5.
 */
public final class JdbcBatchAddBenchmark {

    private static final String SCHEMA = "bench_batch_add";
    private static final List<String> SCENARIOS = List.of("addJobs (COPY)", "addJob one by one");

    private JdbcBatchAddBenchmark() {
    }

    /** What the jobs would run. */
    public static void noop(int index) {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--fork")) {
            forked(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int singleJobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.println(Bench.machine());
        System.out.printf("PostgreSQL at %s: one-shot jobs added to a paused scheduler's JdbcJobStore%n",
                JdbcDispatchBenchmark.url(SCHEMA));
        Bench.Table table = new Bench.Table("how", "jobs", "rounds", "jobs/s, median", "jobs/s, best", "each round, s");
        for (int scenario = 0; scenario < SCENARIOS.size(); scenario++) {
            boolean batch = scenario == 0;
            int n = batch ? jobs : singleJobs;
            int r = batch ? rounds : 1;
            List<String> seconds = Bench.fork(JdbcBatchAddBenchmark.class, List.of("-Xms2g", "-Xmx2g"), "--fork",
                    Integer.toString(scenario), Integer.toString(n), Integer.toString(r));
            List<Double> rates = new ArrayList<>();
            seconds.forEach(s -> rates.add(n / Double.parseDouble(s)));
            System.out.printf("%s: %s s%n", SCENARIOS.get(scenario), seconds);
            table.row(SCENARIOS.get(scenario), Bench.fmt(n, 0), r, Bench.fmt(Bench.median(rates), 0),
                    Bench.fmt(rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), 0),
                    String.join(" / ", seconds));
        }
        System.out.println();
        System.out.print(table);
    }

    private static void forked(int scenario, int jobs, int rounds) {
        Bench.quietLogging();
        String url = JdbcDispatchBenchmark.url(SCHEMA);
        try (HikariDataSource admin = JdbcDispatchBenchmark.pool("public", 1); HikariDataSource pool = pool(url)) {
            JdbcClient sql = JdbcClient.create(admin);
            sql.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").update();
            sql.sql("CREATE SCHEMA " + SCHEMA).update();
            BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                    .timezone(JdbcDispatchBenchmark.UTC)
                    .jobstore("default", JdbcJobStore.builder(pool).tableSchema(SCHEMA)
                            .initializeSchema(SchemaInitialization.ALWAYS).listenForChanges(false).build())
                    .executor("default", new ThreadPoolJobExecutor(1))
                    .build());
            scheduler.start(true);
            try {
                List<JobSpec> specs = specs(jobs);
                for (int round = 0; round < rounds; round++) {
                    sql.sql("TRUNCATE " + SCHEMA + ".apscheduler_jobs").update();
                    System.gc(); // the last round's jobs are garbage now: not this round's to collect
                    long started = System.nanoTime();
                    if (scenario == 0) {
                        scheduler.addJobs(specs);
                    } else {
                        specs.forEach(scheduler::addJob);
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long stored = sql.sql("SELECT count(*) FROM " + SCHEMA + ".apscheduler_jobs").query(Long.class)
                            .single();
                    if (stored != jobs) {
                        throw new IllegalStateException(stored + " rows stored, not " + jobs);
                    }
                    System.out.println(Bench.RESULT + String.format(Locale.ROOT, "%.3f", seconds));
                }
            } finally {
                scheduler.shutdown(false);
                sql.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").update();
            }
        }
    }

    /** One-shot jobs due in a day (the scheduler is paused anyway), each with its index as argument. */
    private static List<JobSpec> specs(int jobs) {
        DateTrigger tomorrow = DateTrigger.at(ZonedDateTime.now(JdbcDispatchBenchmark.UTC).plusDays(1));
        String target = JdbcBatchAddBenchmark.class.getName() + "::noop";
        List<JobSpec> specs = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            specs.add(JobSpec.builder(target).id("job-" + i).args(i).trigger(tomorrow).build());
        }
        return specs;
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        config.setPoolName("bench-batch-add");
        return new HikariDataSource(config);
    }
}
