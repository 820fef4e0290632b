package io.github.apscheduler4j.benchmarks.executor;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.ProcessPoolJobExecutor;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cost of running a job in a worker JVM instead of a pool thread: the latency of one "run now" from submission
 * to its executed event, one run at a time, for a no-op static method with one argument, on each executor; plus the
 * first run's cost, which for the process pool includes starting the worker JVM.
 *
 * <p>{@code java -cp <benchmarks class path> io.github.apscheduler4j.benchmarks.executor.ProcessPoolOverheadBenchmark [runs]}
 */
public final class ProcessPoolOverheadBenchmark {

    private ProcessPoolOverheadBenchmark() {
    }

    /** The job both executors run. */
    public static int noop(int value) {
        return value + 1;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        System.out.printf(Locale.ROOT, "%-12s %12s %10s %10s %10s %10s%n", "executor", "first run µs", "p50 µs", "p99 µs",
                "mean µs", "runs/s");
        measure("threadpool", new ThreadPoolJobExecutor(1), runs);
        measure("processpool", new ProcessPoolJobExecutor(1, List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1")), runs);
    }

    private static void measure(String name, JobExecutor executor, int runs) throws Exception {
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder().timezone(ZoneId.of("UTC"))
                .executor("default", executor).build());
        AtomicReference<CountDownLatch> executed = new AtomicReference<>();
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted) {
                executed.get().countDown();
            } else {
                throw new IllegalStateException("run failed: " + event);
            }
        }, EventMask.of(EventType.JOB_EXECUTED, EventType.JOB_ERROR));
        scheduler.start();
        try {
            scheduler.addJob(JobSpec.builder(ClassTargetResolver.reference(ProcessPoolOverheadBenchmark.class, "noop"))
                    .id("noop").args(41).maxInstances(1_000).paused().build());
            long first = runOnce(scheduler, executed);
            for (int i = 0; i < runs / 10; i++) {
                runOnce(scheduler, executed);
            }
            long[] nanos = new long[runs];
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                nanos[i] = runOnce(scheduler, executed);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%-12s %12.0f %10.1f %10.1f %10.1f %10.0f%n", name, first / 1e3,
                    nanos[runs / 2] / 1e3, nanos[(int) (runs * 0.99)] / 1e3, Arrays.stream(nanos).average().orElse(0) / 1e3,
                    runs / seconds);
        } finally {
            scheduler.shutdown();
        }
    }

    private static long runOnce(BackgroundScheduler scheduler, AtomicReference<CountDownLatch> executed)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        executed.set(done);
        long start = System.nanoTime();
        if (!scheduler.runJob("noop", null)) {
            throw new IllegalStateException("run refused");
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("run did not finish");
        }
        return System.nanoTime() - start;
    }
}
