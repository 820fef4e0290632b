package io.github.apscheduler4j.test;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobContext;
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
 * its scheduler reports (executed, missed, failed, skipped past max_instances, and the fires of a dead instance it
 * reports abandoned) with the run's scheduled fire time and attempt, prints {@value #READY} once started, shuts down
 * cleanly on SIGTERM ({@link Process#destroy()}), and halts at once when the JVM that started it dies, so that no
 * node outlives a failed test. Its leases are short ({@link #LEASE_DURATION}, renewed every
 * {@link #LEASE_RENEWAL_INTERVAL}), so that the runs of a killed node are taken over within seconds.
 */
public final class ClusterNode {

    /** The line a node prints when its scheduler has started. */
    public static final String READY = "CLUSTER-NODE-READY";
    /** How long a node's lease on a run it claimed lasts unless renewed. */
    public static final Duration LEASE_DURATION = Duration.ofSeconds(3);
    /** How often a node renews its leases and looks for runs to take over. */
    public static final Duration LEASE_RENEWAL_INTERVAL = Duration.ofSeconds(1);
    /** How long a {@link #work()} run works. */
    public static final Duration WORK = Duration.ofMillis(200);
    /** The reference of {@link #work()}. */
    public static final String WORK_TARGET = ClassTargetResolver.reference(ClusterNode.class, "work");

    // what a work() run returns when it recorded itself
    private static final String RECORDED = "recorded";
    private static volatile RunLog runLog;

    private ClusterNode() {
    }

    /** Where a node writes what its scheduler did; called from the executor's threads and the heartbeat's. */
    @FunctionalInterface
    public interface RunLog {
        /**
         * Records an outcome with the attempt it was of: for {@code executed}, the attempt of the run ({@link #work()}
         * records its own; others are recorded as attempt 1); for {@code abandoned}, the attempt the dead instance
         * held.
         *
         * @param outcome {@code executed}, {@code missed}, {@code error}, {@code max_instances} or {@code abandoned}
         */
        void record(String instanceId, String jobId, Instant fireTime, String outcome, int attempt);
    }

    /**
     * A job's work: {@link #WORK} of it (a run in progress long enough for a kill to catch several), after which the
     * run records itself as executed with its attempt ({@code JobContext.current().attempt()}), in the run itself:
     * before its end is written to the store, so that a kill between the two cannot lose the record (the scheduler's
     * listeners hear of the run only after its end is written).
     */
    public static String work() throws InterruptedException {
        Thread.sleep(WORK.toMillis());
        RunLog log = runLog;
        if (log == null) {
            return null; // not in a node: the listener records it
        }
        JobContext context = JobContext.current();
        record(log, context.instanceId(), context.jobId(), context.scheduledFireTime(), "executed", context.attempt());
        return RECORDED;
    }

    /** Runs a scheduler on {@code store} until SIGTERM; never returns normally. */
    public static void run(String instanceId, JobStore store, RunLog log, Duration pollInterval)
            throws InterruptedException {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(1)));
        runLog = log;
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .instanceId(instanceId)
                .timezone(ZoneId.of("UTC"))
                .storePollInterval(pollInterval)
                .leaseDuration(LEASE_DURATION)
                .leaseRenewalInterval(LEASE_RENEWAL_INTERVAL)
                .jobstore("default", store)
                .executor("default", new ThreadPoolJobExecutor(10))
                .build());
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted run) {
                if (!RECORDED.equals(run.returnValue())) {
                    record(log, instanceId, run.jobId(), run.scheduledRunTime(), "executed");
                }
            } else if (event instanceof SchedulerEvent.JobAbandoned abandoned) {
                record(log, instanceId, abandoned.jobId(), abandoned.scheduledRunTime(), "abandoned",
                        abandoned.attempt());
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
        record(log, instanceId, jobId, fireTime, outcome, 1);
    }

    private static void record(RunLog log, String instanceId, String jobId, ZonedDateTime fireTime, String outcome,
            int attempt) {
        try {
            log.record(instanceId, jobId, fireTime == null ? null : fireTime.toInstant(), outcome, attempt);
        } catch (RuntimeException e) {
            System.err.println("[" + instanceId + "] could not record " + outcome + " of " + jobId + " at " + fireTime);
            e.printStackTrace();
        }
    }
}
