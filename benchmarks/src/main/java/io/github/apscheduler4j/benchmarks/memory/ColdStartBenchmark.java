package io.github.apscheduler4j.benchmarks.memory;

import io.github.apscheduler4j.benchmarks.support.Bench;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The first burst after a restart: each measurement in a JVM of its own, after a small warm-up of {@code warmup} jobs
 * added and drained, as a scheduler meets its largest backlog right after it starts ({@link DispatchBenchmark} measures
 * it only after four warm-up drains). Three libraries, each with 10 workers: this project (memory store, thread pool),
 * Spring's {@code ThreadPoolTaskScheduler} and the JDK's bare {@code ScheduledThreadPoolExecutor} it is built on.
 * <ul>
 * <li>burst: {@code jobs} one-shot no-op jobs, all due at one instant a few seconds ahead, added one by one to the
 * running scheduler (timed: the add), then run (timed from that instant to the last run: the drain);</li>
 * <li>lateness: after the same warm-up, {@code latenessJobs} one-shot jobs spread evenly over {@code latenessSeconds},
 * each due at its own millisecond; the time each job's code starts minus the time it was due.</li>
 * </ul>
 * Every job's code is a {@link Runnable} that counts down a latch (and reads the clock for lateness), the same for all
 * three. {@code runs} rounds, the libraries taking turns in an order rotated each round; prints each measurement and
 * the medians. Arguments: {@code [jobs [warmup [runs [latenessJobs [latenessSeconds]]]]]}, defaults 100000 20000 3
 * 2000 10.
 */
public final class ColdStartBenchmark {

    private static final List<String> PEERS = List.of("apscheduler4j", "spring", "jdk");
    private static final Map<String, String> NAMES = Map.of(
            "apscheduler4j", "apscheduler4j (memory store, thread pool of 10)",
            "spring", "Spring 7.0.8 ThreadPoolTaskScheduler (pool of 10)",
            "jdk", "JDK ScheduledThreadPoolExecutor (10 threads)");
    private static final int WORKERS = 10;
    // how far ahead the burst is due: the add must be over by then, in a cold JVM too
    private static final long BURST_AHEAD_MILLIS = 3_000;

    private ColdStartBenchmark() {
    }

    /** What each library is asked: schedule a task for an instant, and stop. */
    private interface Library {
        void schedule(Runnable task, Instant due, String id);

        void shutdown();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("--")) {
            forked(args);
            return;
        }
        int[] settings = Bench.intArgs(args, 100_000, 20_000, 3, 2_000, 10);
        int jobs = settings[0];
        int warmup = settings[1];
        int runs = settings[2];
        int latenessJobs = settings[3];
        int latenessSeconds = settings[4];
        System.out.println(Bench.machine());
        System.out.printf("Cold start: a warm-up of %,d jobs, then %,d one-shot jobs due at once (add, drain); and %,d"
                + " jobs over %d s (lateness); %d workers, each measurement in a fresh JVM (%s), %d rounds%n", warmup,
                jobs, latenessJobs, latenessSeconds, WORKERS, DispatchBenchmark.JVM, runs);
        Map<String, List<double[]>> bursts = new LinkedHashMap<>();
        Map<String, List<double[]>> lateness = new LinkedHashMap<>();
        PEERS.forEach(peer -> {
            bursts.put(peer, new ArrayList<>());
            lateness.put(peer, new ArrayList<>());
        });
        for (int round = 0; round < runs; round++) {
            for (int turn = 0; turn < PEERS.size(); turn++) {
                String peer = PEERS.get((round + turn) % PEERS.size());
                double[] burst = values(Bench.fork(ColdStartBenchmark.class, DispatchBenchmark.JVM, "--burst", peer,
                        Integer.toString(jobs), Integer.toString(warmup)));
                System.out.printf("round %d, %-13s add %.0f ms, drain %.3f s, %,.0f executions/s%n", round + 1, peer,
                        burst[0], burst[1], jobs / burst[1]);
                bursts.get(peer).add(burst);
                double[] late = values(Bench.fork(ColdStartBenchmark.class, DispatchBenchmark.JVM, "--lateness", peer,
                        Integer.toString(latenessJobs), Integer.toString(latenessSeconds), Integer.toString(warmup)));
                System.out.printf("round %d, %-13s lateness p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", round + 1, peer,
                        late[0], late[1], late[2]);
                lateness.get(peer).add(late);
            }
        }
        Bench.Table table = new Bench.Table("scheduler", "add 100,000, ms", "drain, s", "executions/s",
                "lateness p50, ms", "lateness p99, ms", "lateness max, ms");
        for (String peer : PEERS) {
            double drain = median(bursts.get(peer), 1);
            table.row(NAMES.get(peer), Bench.fmt(median(bursts.get(peer), 0), 0), Bench.fmt(drain, 3),
                    Bench.fmt(jobs / drain, 0), Bench.fmt(median(lateness.get(peer), 0), 3),
                    Bench.fmt(median(lateness.get(peer), 1), 3), Bench.fmt(median(lateness.get(peer), 2), 3));
        }
        System.out.println();
        System.out.println("Medians of " + runs + " fresh JVMs each:");
        System.out.print(table);
    }

    private static double[] values(List<String> results) {
        return Arrays.stream(results.get(0).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static double median(List<double[]> measurements, int column) {
        return Bench.median(measurements.stream().map(values -> values[column]).toList());
    }

    private static void forked(String[] args) throws Exception {
        Bench.quietLogging();
        String peer = args[1];
        if (args[0].equals("--burst")) {
            int jobs = Integer.parseInt(args[2]);
            int warmup = Integer.parseInt(args[3]);
            Library library = library(peer);
            burst(library, warmup, 0);
            Bench.usedHeapAfterGc();
            double[] measured = burst(library, jobs, warmup);
            library.shutdown();
            System.out.println(Bench.RESULT + String.format(Locale.ROOT, "%.1f,%.4f", measured[0], measured[1]));
        } else {
            int jobs = Integer.parseInt(args[2]);
            int seconds = Integer.parseInt(args[3]);
            int warmup = Integer.parseInt(args[4]);
            Library library = library(peer);
            burst(library, warmup, 0);
            Bench.usedHeapAfterGc();
            double[] millis = lateness(library, jobs, seconds * 1000L, warmup);
            library.shutdown();
            System.out.println(Bench.RESULT + String.format(Locale.ROOT, "%.3f,%.3f,%.3f",
                    Bench.percentile(millis, 50), Bench.percentile(millis, 99), Bench.percentile(millis, 100)));
        }
    }

    private static Library library(String peer) {
        return switch (peer) {
            case "apscheduler4j" -> {
                BackgroundScheduler scheduler = Peers.apscheduler(WORKERS, null);
                scheduler.start();
                yield new Library() {
                    @Override
                    public void schedule(Runnable task, Instant due, String id) {
                        scheduler.addJob(JobSpec.builder(task).id(id)
                                .trigger(DateTrigger.at(ZonedDateTime.ofInstant(due, Peers.UTC))).build());
                    }

                    @Override
                    public void shutdown() {
                        scheduler.shutdown(true);
                    }
                };
            }
            case "spring" -> {
                ThreadPoolTaskScheduler scheduler = Peers.spring(WORKERS);
                yield new Library() {
                    @Override
                    public void schedule(Runnable task, Instant due, String id) {
                        scheduler.schedule(task, due);
                    }

                    @Override
                    public void shutdown() {
                        scheduler.shutdown();
                    }
                };
            }
            case "jdk" -> {
                ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(WORKERS);
                yield new Library() {
                    @Override
                    public void schedule(Runnable task, Instant due, String id) {
                        // as Spring turns an instant into a delay
                        executor.schedule(task, Duration.between(Instant.now(), due).toNanos(), TimeUnit.NANOSECONDS);
                    }

                    @Override
                    public void shutdown() {
                        executor.shutdown();
                    }
                };
            }
            default -> throw new IllegalArgumentException(peer);
        };
    }

    /**
     * Adds {@code jobs} no-op jobs due at one instant ahead, then waits until all have run; returns the add in ms and
     * the drain (from the instant to the last run) in s.
     *
     * @param firstId the number of the first job's id, so that no id repeats one of an earlier burst
     */
    private static double[] burst(Library library, int jobs, int firstId) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(jobs);
        Runnable task = done::countDown;
        long dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BURST_AHEAD_MILLIS);
        Instant due = Instant.now().plusMillis(BURST_AHEAD_MILLIS);
        long started = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            library.schedule(task, due, "job-" + (firstId + i));
        }
        long added = System.nanoTime();
        if (added > dueNanos || done.getCount() < jobs) {
            throw new IllegalStateException("adding the jobs took longer than the " + BURST_AHEAD_MILLIS + " ms allowed");
        }
        await(done);
        return new double[] {(added - started) / 1e6, (System.nanoTime() - dueNanos) / 1e9};
    }

    /** Schedules {@code jobs} runs evenly over {@code spanMillis} from a second ahead; returns each run's lateness in ms. */
    private static double[] lateness(Library library, int jobs, long spanMillis, int firstId)
            throws InterruptedException {
        double[] lateness = new double[jobs];
        CountDownLatch done = new CountDownLatch(jobs);
        long stepMicros = spanMillis * 1000 / jobs;
        Instant first = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < jobs; i++) {
            int index = i;
            Instant due = first.plus(i * stepMicros / 1000, ChronoUnit.MILLIS);
            library.schedule(() -> {
                lateness[index] = Duration.between(due, Instant.now()).toNanos() / 1e6;
                done.countDown();
            }, due, "late-" + (firstId + i));
        }
        if (Instant.now().isAfter(first)) {
            throw new IllegalStateException("adding the jobs took longer than the second allowed");
        }
        await(done);
        return lateness;
    }

    private static void await(CountDownLatch done) throws InterruptedException {
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(done.getCount() + " jobs still not run after 10 minutes");
        }
    }
}
