package io.github.apscheduler4j.benchmarks.cluster;

import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.SchemaInitialization;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.trigger.IntervalTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Lateness of interval jobs on a cluster of scheduler instances sharing one PostgreSQL table: "three instances of 10
 * workers running 200 interval jobs per second of 50 ms each (a third of their capacity): lateness p99 under
 * 100 ms".
 *
 * <p>Stores {@code jobs} {@code interval} jobs of one second each, their start dates spread evenly over one second
 * (job {@code i} starts {@code i * 1000 / jobs} ms after a common base), coalesce off, no misfire grace time limit,
 * each sleeping {@code workMillis} (simulated I/O); they are added with {@code addJobs} through a store object of
 * their own before any scheduler starts. Then {@code instances} {@link BackgroundScheduler}s in this JVM (each with a
 * 4-connection Hikari pool of its own, as {@code JdbcJobStoreFactory} makes, and the default 10-worker executor,
 * instance ids {@code bench-1}, {@code bench-2}, ...) are started paused and resumed together. The fires of the
 * first {@code WARM_UP_SECONDS} seconds are not counted; for the fires scheduled in the {@code seconds} after them,
 * a listener on {@code JOB_EXECUTED} records each run's lateness ({@code started - scheduledRunTime}), the instance
 * that ran it, and (job, fire time) pairs seen twice (duplicates); fires of the window that never ran are missing.
 *
 * <p>Also recorded, to tell where lateness comes from: when each fire's {@code JOB_SUBMITTED} event reached the
 * listener (the claim-and-submit pass is over by then; events are dispatched after the pass), so that lateness
 * splits into "until submitted" (store poll, wake-up, claim) and "submitted to started" (executor queue).
 *
 * <p>Run by hand (see README.md): {@code APSCHEDULER_BENCH_POSTGRES_URL} (or {@code APSCHEDULER_TEST_POSTGRES_URL})
 * names the database; the benchmark drops and creates its own table, {@code apscheduler_bench_lateness} (and its
 * {@code _runs} table), and drops them at the end. Arguments: jobs (200), seconds measured (20), instances (3), work
 * millis (50).
 */
public final class ClusterLatenessBenchmark {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String TABLE = "apscheduler_bench_lateness";
    private static final int WARM_UP_SECONDS = 5;
    // after the window: time for late fires of the window to run before the count
    private static final int DRAIN_SECONDS = 5;
    private static volatile long workMillis = 50;

    private ClusterLatenessBenchmark() {
    }

    /** What every benchmark job runs: its work, a sleep (as I/O would). */
    public static void execute(int index) throws InterruptedException {
        if (workMillis > 0) {
            Thread.sleep(workMillis);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = ClusterBench.postgresUrl();
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int instances = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        workMillis = args.length > 3 ? Long.parseLong(args[3]) : 50;

        try (HikariDataSource admin = ClusterBench.pool(url, "bench-admin")) {
            JdbcClient sql = JdbcClient.create(admin);
            System.out.printf(Locale.ROOT, "%d interval jobs of 1 s (%d ms of work each), %d instance(s) of 10 workers,"
                    + " %d s measured after %d s of warm-up; PostgreSQL %s; Java %s (%s), %d processors%n", jobs,
                    workMillis, instances, seconds, WARM_UP_SECONDS,
                    sql.sql("SHOW server_version").query(String.class).single(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
            dropTables(sql);
            try {
                run(url, admin, jobs, seconds, instances);
            } finally {
                dropTables(sql);
            }
        }
    }

    private static void dropTables(JdbcClient sql) {
        sql.sql("DROP TABLE IF EXISTS " + TABLE).update();
        sql.sql("DROP TABLE IF EXISTS " + TABLE + "_runs").update();
    }

    private static void run(String url, HikariDataSource admin, int jobs, int seconds, int instances)
            throws Exception {
        JdbcClient sql = JdbcClient.create(admin);
        JdbcJobStore filler = JdbcJobStore.builder(admin).tableName(TABLE).initializeSchema(SchemaInitialization.ALWAYS)
                .listenForChanges(false).build();
        filler.start(new JobStoreContext("bench", new ClassTargetResolver(), UTC, Clock.systemUTC()));
        // the first fires 3 s ahead: time to start the instances
        ZonedDateTime base = ZonedDateTime.now(UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        JobTarget target = JobTarget.of(ClusterLatenessBenchmark.class.getName() + "::execute");
        List<Job> batch = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            ZonedDateTime start = base.plus(Duration.ofMillis((long) i * 1000 / jobs));
            batch.add(Job.builder().id(String.format(Locale.ROOT, "job-%04d", i)).target(target)
                    .trigger(new IntervalTrigger(Duration.ofSeconds(1), start, null, null)).args(List.of(i))
                    .coalesce(false).misfireGraceTime(null).nextRunTime(start).build());
        }
        filler.addJobs(batch);
        sql.sql("ANALYZE " + TABLE).update();
        filler.shutdown();

        Instant windowStart = base.toInstant().plusSeconds(WARM_UP_SECONDS);
        Instant windowEnd = windowStart.plusSeconds(seconds);
        ConcurrentLinkedQueue<Long> latenessMicros = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> submittedMicros = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        List<LongAdder> runsBy = new ArrayList<>();
        List<ConcurrentLinkedQueue<Long>> latenessBy = new ArrayList<>();

        List<HikariDataSource> pools = new ArrayList<>();
        List<BackgroundScheduler> schedulers = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            HikariDataSource pool = ClusterBench.pool(url, "bench-" + i);
            pools.add(pool);
            LongAdder runs = new LongAdder();
            ConcurrentLinkedQueue<Long> mine = new ConcurrentLinkedQueue<>();
            runsBy.add(runs);
            latenessBy.add(mine);
            BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                    .instanceId("bench-" + i)
                    .timezone(UTC)
                    .jobstore("default", JdbcJobStore.builder(pool).tableName(TABLE)
                            .listenerDataSource(new DriverManagerDataSource(url)).build())
                    .executor("default", new ThreadPoolJobExecutor())
                    .build());
            scheduler.addListener(event -> {
                SchedulerEvent.JobExecuted executed = (SchedulerEvent.JobExecuted) event;
                Instant fire = executed.scheduledRunTime().toInstant();
                if (fire.isBefore(windowStart) || !fire.isBefore(windowEnd)) {
                    return;
                }
                long micros = ChronoUnit.MICROS.between(fire, executed.started().toInstant());
                latenessMicros.add(micros);
                mine.add(micros);
                runs.increment();
                seen.computeIfAbsent(executed.jobId() + "@" + fire, key -> new AtomicInteger()).incrementAndGet();
            }, EventMask.of(EventType.JOB_EXECUTED));
            scheduler.addListener(event -> {
                Instant now = Instant.now();
                for (ZonedDateTime time : ((SchedulerEvent.JobSubmitted) event).scheduledRunTimes()) {
                    Instant fire = time.toInstant();
                    if (!fire.isBefore(windowStart) && fire.isBefore(windowEnd)) {
                        submittedMicros.add(ChronoUnit.MICROS.between(fire, now));
                    }
                }
            }, EventMask.of(EventType.JOB_SUBMITTED));
            scheduler.start(true);
            schedulers.add(scheduler);
        }
        if (Instant.now().isAfter(base.toInstant())) {
            System.err.println("The instances started after the first fire time: warm-up shortened");
        }
        schedulers.forEach(BackgroundScheduler::resume);
        Instant until = windowEnd.plusSeconds(DRAIN_SECONDS);
        long printed = 0;
        while (Instant.now().isBefore(until)) {
            Thread.sleep(100);
            long sum = runsBy.stream().mapToLong(LongAdder::sum).sum();
            long second = Duration.between(base.toInstant(), Instant.now()).toSeconds();
            if (second > printed) {
                printed = second;
                System.out.printf(Locale.ROOT, "  t=%2ds: %d runs of the window recorded%n", second, sum);
            }
        }
        for (BackgroundScheduler scheduler : schedulers) {
            scheduler.shutdown(true);
        }
        pools.forEach(HikariDataSource::close);

        long expected = (long) jobs * seconds;
        int duplicates = 0;
        for (AtomicInteger count : seen.values()) {
            duplicates += Math.max(0, count.get() - 1);
        }
        long missing = expected - seen.size();
        long[] all = sorted(latenessMicros);
        long[] submitted = sorted(submittedMicros);
        List<Long> perInstance = runsBy.stream().map(LongAdder::sum).toList();
        System.out.println();
        System.out.printf(Locale.ROOT, "runs recorded: %d of %d expected fires; runs per instance %s; duplicates %d;"
                + " missing %d%n", all.length, expected, perInstance, duplicates, missing);
        System.out.printf(Locale.ROOT, "lateness (started - scheduled), ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
                ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 1.0));
        System.out.printf(Locale.ROOT, "until JOB_SUBMITTED seen, ms:       p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
                ms(submitted, 0.50), ms(submitted, 0.90), ms(submitted, 0.99), ms(submitted, 1.0));
        for (int i = 0; i < instances; i++) {
            long[] mine = sorted(latenessBy.get(i));
            System.out.printf(Locale.ROOT, "  bench-%d: %d runs, lateness p50 %.1f, p99 %.1f, max %.1f ms%n", i + 1,
                    mine.length, ms(mine, 0.50), ms(mine, 0.99), ms(mine, 1.0));
        }
        System.out.println();
        System.out.println("| instances | jobs/s | work (ms) | measured (s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms)"
                + " | runs per instance | duplicates | missing |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %d | %d |%n", instances,
                jobs, workMillis, seconds, ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 1.0), perInstance,
                duplicates, missing);
    }

    private static long[] sorted(ConcurrentLinkedQueue<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** The {@code quantile} of sorted micros, in ms (nearest rank). */
    private static double ms(long[] sortedMicros, double quantile) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sortedMicros.length);
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, rank - 1))] / 1000.0;
    }
}
