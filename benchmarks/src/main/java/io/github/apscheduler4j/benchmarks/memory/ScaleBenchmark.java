package io.github.apscheduler4j.benchmarks.memory;

import io.github.apscheduler4j.benchmarks.support.Bench;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.trigger.IntervalTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Scale in memory: {@code jobs} recurring jobs (every hour, each starting a millisecond after the one before, from a
 * day ahead), added one by one; the add rate, and the heap they hold (used heap after full collections, after minus
 * before, over the number of jobs). Each job has its own trigger and id; they share one no-op target. This project:
 * {@code addJob} on a started, paused scheduler (the memory store); Quartz: {@code scheduleJob} (a job and a simple
 * trigger) on RAMJobStore in standby; Spring: {@code scheduleAtFixedRate} (no ids, no store: a task in the executor's
 * queue). For this project it also times the store's due lookup with the jobs stored and 100 of them due. Each in a
 * JVM of its own ({@link #JVM}). Arguments: {@code [jobs]}, default 1000000.
 */
public final class ScaleBenchmark {

    static final List<String> JVM = List.of("-Xms6g", "-Xmx6g");
    private static final List<String> PEERS = List.of("apscheduler4j", "quartz", "spring");
    private static final Map<String, String> NAMES = Map.of(
            "apscheduler4j", "apscheduler4j (memory store)",
            "quartz", "Quartz 2.5.2 (RAMJobStore)",
            "spring", "Spring ThreadPoolTaskScheduler (tasks, no store)");

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--fork")) {
            forked(args[1], Integer.parseInt(args[2]));
            return;
        }
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println(Bench.machine());
        System.out.printf("Scale in memory: %,d recurring jobs added one by one; JVM %s%n", jobs, JVM);
        Bench.Table table = new Bench.Table("scheduler", "jobs", "add rate, jobs/s", "heap per job, bytes",
                "heap for all, MiB", "due lookup with 100 due, microseconds (median/p99)");
        for (String peer : PEERS) {
            String[] values = Bench.fork(ScaleBenchmark.class, JVM, "--fork", peer, Integer.toString(jobs)).get(0)
                    .split(" ");
            double seconds = Double.parseDouble(values[0]);
            long bytes = Long.parseLong(values[1]);
            table.row(NAMES.get(peer), Bench.fmt(jobs, 0), Bench.fmt(jobs / seconds, 0),
                    Bench.fmt((double) bytes / jobs, 0), Bench.fmt(bytes / 1048576.0, 0),
                    values.length > 2 ? values[2] : "n/a");
        }
        System.out.println();
        System.out.print(table);
    }

    private static void forked(String peer, int jobs) throws Exception {
        Bench.quietLogging();
        Runnable noop = () -> { };
        ZonedDateTime first = ZonedDateTime.now(Peers.UTC).plusDays(1);
        Duration hour = Duration.ofHours(1);
        String lookup = "";
        long before;
        long started;
        double seconds;
        long after;
        switch (peer) {
            case "apscheduler4j" -> {
                BackgroundScheduler scheduler = Peers.apscheduler(10, null);
                scheduler.start(true);
                before = Bench.usedHeapAfterGc();
                started = System.nanoTime();
                for (int i = 0; i < jobs; i++) {
                    scheduler.addJob(JobSpec.builder(noop).id("job-" + i)
                            .trigger(new IntervalTrigger(hour, first.plusNanos(i * 1_000_000L), null, null)).build());
                }
                seconds = (System.nanoTime() - started) / 1e9;
                after = Bench.usedHeapAfterGc();
                lookup = dueLookup(scheduler.jobStores().get("default"), first.toInstant().plusNanos(99 * 1_000_000L));
                scheduler.shutdown(false);
            }
            case "quartz" -> {
                Scheduler scheduler = Peers.quartzRam(10);
                before = Bench.usedHeapAfterGc();
                started = System.nanoTime();
                for (int i = 0; i < jobs; i++) {
                    scheduler.scheduleJob(JobBuilder.newJob(Peers.QuartzJob.class).withIdentity("job-" + i).build(),
                            TriggerBuilder.newTrigger().withIdentity("trigger-" + i)
                                    .startAt(Date.from(first.toInstant().plusMillis(i)))
                                    .withSchedule(SimpleScheduleBuilder.repeatHourlyForever()).build());
                }
                seconds = (System.nanoTime() - started) / 1e9;
                after = Bench.usedHeapAfterGc();
                scheduler.shutdown(false);
            }
            case "spring" -> {
                ThreadPoolTaskScheduler scheduler = Peers.spring(10);
                before = Bench.usedHeapAfterGc();
                started = System.nanoTime();
                for (int i = 0; i < jobs; i++) {
                    scheduler.scheduleAtFixedRate(noop, first.toInstant().plusMillis(i), hour);
                }
                seconds = (System.nanoTime() - started) / 1e9;
                after = Bench.usedHeapAfterGc();
                scheduler.shutdown();
            }
            default -> throw new IllegalArgumentException(peer);
        }
        System.out.println(Bench.RESULT + String.format(Locale.ROOT, "%.3f %d%s", seconds, after - before,
                lookup.isEmpty() ? "" : " " + lookup));
    }

    /** The store's due jobs at {@code now} (100 of them due) and its next run time, as the loop asks on each pass. */
    private static String dueLookup(JobStore store, Instant now) {
        int calls = 2_000;
        double[] micros = new double[calls];
        int due = 0;
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            due = store.dueJobs(now).size();
            store.nextRunTime();
            micros[i] = (System.nanoTime() - started) / 1e3;
        }
        if (due != 100) {
            throw new IllegalStateException("expected 100 due jobs, got " + due);
        }
        double[] measured = Arrays.copyOfRange(micros, calls / 2, calls);
        return String.format(Locale.ROOT, "%.1f/%.1f", Bench.percentile(measured, 50), Bench.percentile(measured, 99));
    }
}
