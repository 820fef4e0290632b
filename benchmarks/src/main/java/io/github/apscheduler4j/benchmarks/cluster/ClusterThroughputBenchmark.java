package io.github.apscheduler4j.benchmarks.cluster;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.trigger.DateTrigger;
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

/**
 * Executions per second of one, two and three scheduler instances sharing one store, on PostgreSQL or Redis
 * ({@link ClusterBackend}): each run stores {@code jobs} one-shot jobs (a {@code date} trigger, all due at once, no
 * misfire grace time limit), starts the instances paused, resumes them together, and times until every job has run;
 * then checks that each job ran exactly once (no duplicate, no loss) and that no job or run is left in the store. The
 * instances are {@link BackgroundScheduler}s in this JVM, each with a store object on connections of its own and the
 * default executor (a pool of 10 threads); they share the JVM's processors as separate JVMs on one machine would. The
 * backend counts what a run costs in round trips.
 *
 * <p>Run by hand (see README.md): {@code APSCHEDULER_BENCH_POSTGRES_URL} (or {@code APSCHEDULER_TEST_POSTGRES_URL})
 * names the database, {@code APSCHEDULER_BENCH_REDIS_URL} (or {@code APSCHEDULER_TEST_REDIS_URL}) the Redis server;
 * the benchmark makes and removes its own table or keys. Arguments: the backend ({@code postgresql} unless given:
 * {@code postgresql} or {@code redis}), the number of jobs (10,000 unless given), the number of rounds (3 unless
 * given), then the instance counts (1 2 3 unless given). A first round warms up and is not counted; each round runs
 * every instance count once, in turn; the table gives the median round, with the slowest and fastest rates beside it.
 *
 * <p>Each round also measures the backend's floor of one round trip per execution: a one-shot job's claim for every
 * job, one at a time on one connection, without a scheduler.
 */
public final class ClusterThroughputBenchmark {

    private static final ZoneId UTC = ZoneId.of("UTC");
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
        int first = args.length > 0 && !args[0].matches("\\d+") ? 1 : 0;
        String backendName = first == 1 ? args[0] : "postgresql";
        int jobs = args.length > first ? Integer.parseInt(args[first]) : 10_000;
        int rounds = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : 3;
        List<Integer> instanceCounts = new ArrayList<>();
        for (int i = first + 2; i < args.length; i++) {
            instanceCounts.add(Integer.parseInt(args[i]));
        }
        if (instanceCounts.isEmpty()) {
            instanceCounts = List.of(1, 2, 3);
        }

        Map<Integer, List<Result>> results = new TreeMap<>();
        List<Double> floors = new ArrayList<>();
        String unit;
        String floorDescription;
        try (ClusterBackend backend = ClusterBackend.named(backendName)) {
            unit = backend.roundTripUnit();
            floorDescription = backend.floorDescription(jobs);
            System.out.printf(Locale.ROOT, "%,d one-shot jobs due at once (%d ms of work each) on %s; Java %s (%s), %d"
                    + " processors%n", jobs, WORK_MILLIS, backend.describe(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
            for (int instances : instanceCounts) {
                // warm-up, not counted: class loading, JIT, the store's first pages
                System.out.println("warm-up: " + run(backend, jobs, instances));
            }
            for (int round = 1; round <= rounds; round++) {
                double rate = backend.floor(jobs);
                System.out.printf(Locale.ROOT, "round %d: %s: %,.0f/s%n", round, floorDescription, rate);
                floors.add(rate);
                for (int instances : instanceCounts) {
                    Result result = run(backend, jobs, instances);
                    System.out.println("round " + round + ": " + result);
                    results.computeIfAbsent(instances, key -> new ArrayList<>()).add(result);
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| instances | jobs   | executions/s, median of %d (min-max) | drain time (s) |"
                + " %-24s | runs per instance    | duplicates | losses |%n", rounds, unit + " per execution");
        System.out.println("|-----------|--------|" + "-".repeat(38) + "|----------------|--------------------------|"
                + "----------------------|------------|--------|");
        results.forEach((instances, each) -> {
            List<Result> byRate = each.stream().sorted(Comparator.comparingDouble(Result::rate)).toList();
            Result median = byRate.get(byRate.size() / 2);
            int duplicates = each.stream().mapToInt(Result::duplicates).sum();
            int losses = each.stream().mapToInt(Result::losses).sum();
            System.out.printf(Locale.ROOT, "| %9d | %6d | %36s | %14.2f | %24.2f | %-20s | %10d | %6d |%n", instances,
                    jobs, String.format(Locale.ROOT, "%,.0f (%,.0f-%,.0f)", median.rate(), byRate.get(0).rate(),
                            byRate.get(byRate.size() - 1).rate()),
                    median.seconds(), median.roundTripsPerExecution(), median.perInstance(), duplicates, losses);
        });
        List<Double> sorted = floors.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%nFloor of one round trip per execution (%s, no scheduler): %,.0f/s, median of %d"
                + " (%,.0f-%,.0f)%n", floorDescription, sorted.get(sorted.size() / 2), sorted.size(), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    /** One run. @param duplicates extra runs over all jobs; @param losses jobs that never ran */
    private record Result(int instances, double seconds, double rate, double roundTripsPerExecution,
            List<Long> perInstance, int duplicates, int losses) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d instance(s): %.2f s, %,.0f executions/s, %.2f round trips per"
                    + " execution, runs per instance %s, %d duplicates, %d losses", instances, seconds, rate,
                    roundTripsPerExecution, perInstance, duplicates, losses);
        }
    }

    private static Result run(ClusterBackend backend, int jobs, int instances) throws Exception {
        ZonedDateTime due = ZonedDateTime.now(UTC);
        JobTarget target = JobTarget.of(ClusterThroughputBenchmark.class.getName() + "::execute");
        List<Job> batch = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            batch.add(Job.builder().id(String.format(Locale.ROOT, "job-%06d", i)).target(target)
                    .trigger(DateTrigger.at(due)).args(List.of(i)).misfireGraceTime(null).nextRunTime(due).build());
        }
        backend.fill(batch);
        runs = new AtomicIntegerArray(jobs);

        List<BackgroundScheduler> schedulers = new ArrayList<>();
        List<LongAdder> executedBy = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            LongAdder executed = new LongAdder();
            executedBy.add(executed);
            BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                    .instanceId("bench-" + i)
                    .timezone(UTC)
                    .jobstore("default", backend.instanceStore(i))
                    .executor("default", new ThreadPoolJobExecutor())
                    .build());
            scheduler.addListener(event -> executed.increment(), EventMask.of(EventType.JOB_EXECUTED));
            scheduler.start(true);
            schedulers.add(scheduler);
        }
        backend.startCounting();

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
        long roundTrips = backend.roundTrips();
        for (BackgroundScheduler scheduler : schedulers) {
            scheduler.shutdown(true);
        }

        long stored = backend.leftover();
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
            System.err.println(stored + " jobs or runs left in the store");
        }
        List<Long> perInstance = executedBy.stream().map(LongAdder::sum).toList();
        double seconds = elapsed / 1e9;
        return new Result(instances, seconds, jobs / seconds, (double) roundTrips / jobs, perInstance, duplicates,
                losses);
    }

    private static long executedSum(List<LongAdder> executedBy) {
        return executedBy.stream().mapToLong(LongAdder::sum).sum();
    }
}
