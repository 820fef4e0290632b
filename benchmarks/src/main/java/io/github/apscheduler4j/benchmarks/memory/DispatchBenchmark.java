package io.github.apscheduler4j.benchmarks.memory;

import io.github.apscheduler4j.benchmarks.support.Bench;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * In-memory dispatch: {@code jobs} no-op one-shot jobs, all due at once, run by {@code workers} threads; how long the
 * scheduler takes to run them all (the drain) and so how many it runs per second. Each scheduler is timed from the
 * moment the jobs become due to the last run:
 * <ul>
 * <li>this project: the jobs are added (due now) to a scheduler started paused, then it is resumed; done when the
 * last executed event has been received;</li>
 * <li>Quartz, RAMJobStore: the jobs and their simple triggers (start now) are scheduled in standby, then it is started;
 * done when the last job has run;</li>
 * <li>Spring's ThreadPoolTaskScheduler: the tasks are scheduled for an instant a second ahead, which comes after the
 * last one is scheduled; timed from that instant to the last run.</li>
 * </ul>
 * Each scheduler runs in JVMs of its own ({@code forks} of them, the three taking turns so that a noisy minute hurts
 * them alike), each JVM doing {@code runs} drains of which the first {@code warmups} are not counted (the JIT compiles
 * every library's dispatch path during them); prints the median and the best of the measured drains. JVM options of
 * every fork: {@link #JVM}. Arguments: {@code [jobs [workers [forks [runs [warmups]]]]]}, defaults 100000 10 3 10 4.
 */
public final class DispatchBenchmark {

    static final List<String> JVM = List.of("-Xms2g", "-Xmx2g");
    private static final List<String> PEERS = List.of("apscheduler4j", "quartz", "spring");
    private static final Map<String, String> NAMES = Map.of(
            "apscheduler4j", "apscheduler4j 0.1.0-SNAPSHOT (memory store, thread pool)",
            "quartz", "Quartz 2.5.2 (RAMJobStore)",
            "spring", "Spring 7.0.8 ThreadPoolTaskScheduler");

    private DispatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--fork")) {
            forked(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int forks = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        if (warmups >= runs) {
            throw new IllegalArgumentException("warmups (" + warmups + ") must be fewer than runs (" + runs + ")");
        }
        System.out.println(Bench.machine());
        System.out.printf("In-memory dispatch: %,d no-op one-shot jobs due at once, %d workers; %d forks per scheduler"
                + " (JVM %s), %d drains each, the first %d warm-up%n", jobs, workers, forks, JVM, runs, warmups);
        Map<String, List<Double>> drains = new LinkedHashMap<>();
        PEERS.forEach(peer -> drains.put(peer, new ArrayList<>()));
        for (int fork = 1; fork <= forks; fork++) {
            for (String peer : PEERS) {
                List<String> results = Bench.fork(DispatchBenchmark.class, JVM, "--fork", peer, Integer.toString(jobs),
                        Integer.toString(workers), Integer.toString(runs));
                List<Double> seconds = results.stream().map(Double::valueOf).toList();
                System.out.printf("fork %d, %-13s drains (s): %s%n", fork, peer, results);
                drains.get(peer).addAll(seconds.subList(warmups, seconds.size()));
            }
        }
        Bench.Table table = new Bench.Table("scheduler", "executions/s (median)", "time to drain, s (median)",
                "best drain, s", "executions/s (best)");
        drains.forEach((peer, list) -> {
            double median = Bench.median(list);
            double best = list.stream().mapToDouble(d -> d).min().orElse(0);
            table.row(NAMES.get(peer), Bench.fmt(jobs / median, 0), Bench.fmt(median, 3), Bench.fmt(best, 3),
                    Bench.fmt(jobs / best, 0));
        });
        System.out.println();
        System.out.print(table);
    }

    private static void forked(String peer, int jobs, int workers, int runs) throws Exception {
        Bench.quietLogging();
        for (int run = 0; run < runs; run++) {
            double seconds = switch (peer) {
                case "apscheduler4j" -> apscheduler(jobs, workers);
                case "quartz" -> quartz(jobs, workers);
                case "spring" -> spring(jobs, workers);
                default -> throw new IllegalArgumentException(peer);
            };
            System.out.println(Bench.RESULT + String.format(Locale.ROOT, "%.4f", seconds));
        }
    }

    static double apscheduler(int jobs, int workers) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(jobs);
        BackgroundScheduler scheduler = Peers.apscheduler(workers, event -> done.countDown());
        scheduler.start(true);
        ZonedDateTime now = ZonedDateTime.now(Peers.UTC);
        Runnable noop = () -> { };
        for (int i = 0; i < jobs; i++) {
            scheduler.addJob(JobSpec.builder(noop).id("job-" + i).trigger(DateTrigger.at(now)).build());
        }
        Bench.usedHeapAfterGc();
        long started = System.nanoTime();
        scheduler.resume();
        await(done, "apscheduler4j");
        double seconds = (System.nanoTime() - started) / 1e9;
        scheduler.shutdown(true);
        return seconds;
    }

    static double quartz(int jobs, int workers) throws SchedulerException, InterruptedException {
        CountDownLatch done = new CountDownLatch(jobs);
        Peers.QuartzJob.hook = context -> done.countDown();
        Scheduler scheduler = Peers.quartzRam(workers);
        Date now = new Date();
        for (int i = 0; i < jobs; i++) {
            JobDetail job = JobBuilder.newJob(Peers.QuartzJob.class).withIdentity("job-" + i).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("trigger-" + i).startAt(now).build();
            scheduler.scheduleJob(job, trigger);
        }
        Bench.usedHeapAfterGc();
        long started = System.nanoTime();
        scheduler.start();
        await(done, "Quartz");
        double seconds = (System.nanoTime() - started) / 1e9;
        scheduler.shutdown(true);
        return seconds;
    }

    static double spring(int jobs, int workers) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(jobs);
        ThreadPoolTaskScheduler scheduler = Peers.spring(workers);
        Bench.usedHeapAfterGc();
        Runnable task = done::countDown;
        long dueNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        Instant due = Instant.now().plusSeconds(1);
        for (int i = 0; i < jobs; i++) {
            scheduler.schedule(task, due);
        }
        if (System.nanoTime() > dueNanos || done.getCount() < jobs) {
            throw new IllegalStateException("scheduling the Spring tasks took longer than the second allowed");
        }
        await(done, "Spring");
        double seconds = (System.nanoTime() - dueNanos) / 1e9;
        scheduler.shutdown();
        return seconds;
    }

    private static void await(CountDownLatch done, String what) throws InterruptedException {
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + ": " + done.getCount() + " jobs still not run after 10 minutes");
        }
    }
}
