package io.github.apscheduler4j.test;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CountDownLatch;

/**
 * One scheduler instance of a {@link ProcessClusterContract} cluster, run as the {@code main} of a JVM of its own: a
 * backend's node main makes the store and the run log, then calls {@link #run}. The node records every run outcome
 * its scheduler reports (executed, missed, failed, skipped past max_instances) with the run's scheduled fire time,
 * prints {@value #READY} once started, shuts down cleanly on SIGTERM ({@link Process#destroy()}), and halts at once
 * when the JVM that started it dies, so that no node outlives a failed test.
 */
public final class ClusterNode {

    /** The line a node prints when its scheduler has started. */
    public static final String READY = "CLUSTER-NODE-READY";

    private ClusterNode() {
    }

    /** Where a node writes what its scheduler did; called from the executor's threads. */
    @FunctionalInterface
    public interface RunLog {
        /** @param outcome {@code executed}, {@code missed}, {@code error} or {@code max_instances} */
        void record(String instanceId, String jobId, Instant fireTime, String outcome);
    }

    /** Runs a scheduler on {@code store} until SIGTERM; never returns normally. */
    public static void run(String instanceId, JobStore store, RunLog log, Duration pollInterval)
            throws InterruptedException {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(1)));
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .instanceId(instanceId)
                .timezone(ZoneId.of("UTC"))
                .storePollInterval(pollInterval)
                .jobstore("default", store)
                .executor("default", new ThreadPoolJobExecutor(10))
                .build());
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted run) {
                record(log, instanceId, run.jobId(), run.scheduledRunTime(), "executed");
            } else if (event instanceof SchedulerEvent.JobMissed missed) {
                record(log, instanceId, missed.jobId(), missed.scheduledRunTime(), "missed");
            } else if (event instanceof SchedulerEvent.JobError error) {
                record(log, instanceId, error.jobId(), error.scheduledRunTime(), "error");
            } else if (event instanceof SchedulerEvent.JobMaxInstances skipped) {
                skipped.scheduledRunTimes().forEach(time -> record(log, instanceId, skipped.jobId(), time,
                        "max_instances"));
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.shutdown(true);
            stopped.countDown();
        }, "cluster-node-shutdown"));
        scheduler.start();
        System.out.println(READY + " " + instanceId);
        System.out.flush();
        stopped.await();
    }

    private static void record(RunLog log, String instanceId, String jobId, ZonedDateTime fireTime, String outcome) {
        try {
            log.record(instanceId, jobId, fireTime == null ? null : fireTime.toInstant(), outcome);
        } catch (RuntimeException e) {
            System.err.println("[" + instanceId + "] could not record " + outcome + " of " + jobId + " at " + fireTime);
            e.printStackTrace();
        }
    }
}
