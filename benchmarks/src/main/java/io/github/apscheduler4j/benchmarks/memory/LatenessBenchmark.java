package io.github.apscheduler4j.benchmarks.memory;

import io.github.apscheduler4j.benchmarks.support.Bench;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Firing lateness: {@code jobs} one-shot jobs spread evenly over {@code seconds} (2,000 over 10 s: one every 5 ms),
 * added to a running scheduler with 10 workers; for each run, the time at which the job's code starts minus the time
 * it was scheduled for ({@link Instant#now()}, microseconds on Linux). Each scheduler runs in JVMs of its own: a
 * warm-up of a fifth of the jobs over a fifth of the time, then the measured run; prints p50, p99 and max over all
 * forks. Arguments: {@code [jobs [seconds [forks]]]}, defaults 2000 10 2.
 */
public final class LatenessBenchmark {

    private static final List<String> PEERS = List.of("apscheduler4j", "quartz", "spring");
    private static final Map<String, String> NAMES = Map.of(
            "apscheduler4j", "apscheduler4j (memory store)",
            "quartz", "Quartz 2.5.2 (RAMJobStore)",
            "spring", "Spring ThreadPoolTaskScheduler");
    private static final int WORKERS = 10;

    private LatenessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--fork")) {
            forked(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int forks = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.println(Bench.machine());
        System.out.printf("Firing lateness: %,d one-shot jobs spread over %d s, %d workers; %d forks per scheduler"
                + " (JVM %s)%n", jobs, seconds, WORKERS, forks, DispatchBenchmark.JVM);
        Map<String, List<Double>> lateness = new LinkedHashMap<>();
        PEERS.forEach(peer -> lateness.put(peer, new ArrayList<>()));
        for (int fork = 1; fork <= forks; fork++) {
            for (String peer : PEERS) {
                List<String> results = Bench.fork(LatenessBenchmark.class, DispatchBenchmark.JVM, "--fork", peer,
                        Integer.toString(jobs), Integer.toString(seconds));
                List<Double> millis = Arrays.stream(results.get(0).split(",")).map(Double::valueOf).toList();
                System.out.printf("fork %d, %-13s %,d runs, p50 %.3f ms, max %.3f ms%n", fork, peer, millis.size(),
                        Bench.median(millis), millis.stream().mapToDouble(d -> d).max().orElse(0));
                lateness.get(peer).addAll(millis);
            }
        }
        Bench.Table table = new Bench.Table("scheduler", "runs", "p50, ms", "p99, ms", "max, ms");
        lateness.forEach((peer, list) -> {
            double[] values = list.stream().mapToDouble(d -> d).toArray();
            table.row(NAMES.get(peer), Bench.fmt(values.length, 0), Bench.fmt(Bench.percentile(values, 50), 3),
                    Bench.fmt(Bench.percentile(values, 99), 3), Bench.fmt(Bench.percentile(values, 100), 3));
        });
        System.out.println();
        System.out.print(table);
    }

    private static void forked(String peer, int jobs, int seconds) throws Exception {
        Bench.quietLogging();
        run(peer, Math.max(1, jobs / 5), Math.max(1, seconds * 1000L / 5));
        double[] millis = run(peer, jobs, seconds * 1000L);
        StringBuilder out = new StringBuilder(Bench.RESULT);
        for (int i = 0; i < millis.length; i++) {
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", millis[i]));
        }
        System.out.println(out);
    }

    /** Schedules {@code jobs} runs evenly over {@code spanMillis} from a second ahead; returns each run's lateness in ms. */
    private static double[] run(String peer, int jobs, long spanMillis) throws Exception {
        double[] lateness = new double[jobs];
        CountDownLatch done = new CountDownLatch(jobs);
        long stepMicros = spanMillis * 1000 / jobs;
        Instant first = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        Instant[] due = new Instant[jobs];
        for (int i = 0; i < jobs; i++) {
            // whole milliseconds, which Quartz's Date holds
            due[i] = first.plus(i * stepMicros / 1000, ChronoUnit.MILLIS);
        }
        Runnable[] stop = new Runnable[1];
        switch (peer) {
            case "apscheduler4j" -> {
                BackgroundScheduler scheduler = Peers.apscheduler(WORKERS, null);
                scheduler.start();
                for (int i = 0; i < jobs; i++) {
                    int index = i;
                    JobFunction record = (args, kwargs) -> {
                        lateness[index] = micros(due[index], Instant.now()) / 1000.0;
                        done.countDown();
                        return null;
                    };
                    scheduler.addJob(JobSpec.builder(record).id("job-" + i)
                            .trigger(DateTrigger.at(due[i].atZone(Peers.UTC))).build());
                }
                stop[0] = () -> scheduler.shutdown(true);
            }
            case "quartz" -> {
                Peers.QuartzJob.hook = context -> {
                    Instant now = Instant.now();
                    int index = context.getMergedJobDataMap().getInt("index");
                    lateness[index] = micros(due[index], now) / 1000.0;
                    done.countDown();
                };
                Scheduler scheduler = Peers.quartzRam(WORKERS);
                scheduler.start();
                for (int i = 0; i < jobs; i++) {
                    scheduler.scheduleJob(JobBuilder.newJob(Peers.QuartzJob.class).withIdentity("job-" + i)
                                    .usingJobData("index", i).build(),
                            TriggerBuilder.newTrigger().withIdentity("trigger-" + i).startAt(Date.from(due[i])).build());
                }
                stop[0] = () -> {
                    try {
                        scheduler.shutdown(true);
                    } catch (org.quartz.SchedulerException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
            case "spring" -> {
                ThreadPoolTaskScheduler scheduler = Peers.spring(WORKERS);
                for (int i = 0; i < jobs; i++) {
                    int index = i;
                    scheduler.schedule(() -> {
                        lateness[index] = micros(due[index], Instant.now()) / 1000.0;
                        done.countDown();
                    }, due[i]);
                }
                stop[0] = scheduler::shutdown;
            }
            default -> throw new IllegalArgumentException(peer);
        }
        if (Instant.now().isAfter(first)) {
            throw new IllegalStateException(peer + ": adding the jobs took longer than the second allowed");
        }
        if (!done.await(spanMillis + 60_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(peer + ": " + done.getCount() + " runs missing");
        }
        stop[0].run();
        return lateness;
    }

    private static long micros(Instant due, Instant actual) {
        return Duration.between(due, actual).toNanos() / 1000;
    }
}
