package io.github.apscheduler4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobChanges;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.trigger.DateTrigger;
import io.github.apscheduler4j.trigger.IntervalTrigger;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Hammers one backend with several in-process schedulers, each with a store object of its own, and checks that
 * every due run executes exactly once (ShedLock's {@code FuzzTester}, db-scheduler's {@code ClusterTests}).
 *
 * <p>{@link #run()} starts {@code instances} {@link BackgroundScheduler}s paused (instance ids {@code fuzz-1},
 * {@code fuzz-2}, ...; every other one runs its jobs on the scheduler's thread with a {@link DirectJobExecutor},
 * the others on a small thread pool), adds half of the {@code jobs} through them in turn, resumes them all at once
 * so that they race for the same due jobs, then adds the other half through them in turn while they run. Even jobs
 * are one-shot ({@code date} trigger due now, whose claim deletes the job); odd ones fire twice, now and
 * {@link #SECOND_FIRE_AFTER} later (an {@code interval} trigger with an end date, whose first claim is the
 * compare-and-set update of the next run time, and the second the delete). None has a misfire grace time limit or coalesces. Each job's function records its run. When
 * every job has left the store, the schedulers shut down (waiting for runs under way) and the fuzzer asserts, as
 * ShedLock's does, as many executions as fires and as many distinct (job, fire time) as executions; and also that
 * each job ran once per fire and that no run was reported missed, failed or skipped.
 *
 * <p>The backend must hold no jobs when the fuzzer starts. Used by {@link SharedJobStoreContract}, so that no shared
 * store skips it; usable on its own for a store of one's own.
 */
public final class ClusterFuzzer {

    /** The function every fuzz job runs: {@link #execute}. */
    public static final String TARGET = ClassTargetResolver.reference(ClusterFuzzer.class, "execute");

    /** When the second fire of a two-fire job comes after its first. */
    public static final Duration SECOND_FIRE_AFTER = Duration.ofMillis(500);

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String FUZZ_JOB = "fuzz-job-";
    private static final String OPERATED_JOB = "operated-job-";
    private static final Duration OPERATED_EVERY = Duration.ofMillis(100);
    private static final Duration OPERATED_FOR = Duration.ofSeconds(3);
    private static final ZonedDateTime GRID_START = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, UTC);
    private static final Map<String, Queue<String>> EXECUTIONS = new ConcurrentHashMap<>();

    private final Supplier<JobStore> stores;
    private final int instances;
    private final int jobs;
    private final Duration pollInterval;
    private final Duration timeout;
    private final int operatedJobs;

    private ClusterFuzzer(Builder b) {
        this.stores = b.stores;
        this.instances = b.instances;
        this.jobs = b.jobs;
        this.pollInterval = b.pollInterval;
        this.timeout = b.timeout;
        this.operatedJobs = b.operatedJobs;
    }

    /** @param stores makes a new, unstarted store object on the backend under test, one per scheduler */
    public static Builder builder(Supplier<JobStore> stores) {
        return new Builder(stores);
    }

    /** Records one run of a fuzz job: the function the jobs run (their arguments are the fuzz run's id and the job's). */
    public static void execute(String runId, String jobId) {
        Queue<String> executions = EXECUTIONS.get(runId);
        if (executions == null) {
            throw new IllegalStateException("no fuzz run " + runId + " is under way in this JVM");
        }
        executions.add(jobId);
    }

    /**
     * What a fuzz run did.
     *
     * @param executionsByInstance how many runs each instance reported executed
     * @param operations how many changes the operator made through the schedulers (0 without operated jobs)
     */
    public record Result(int jobs, int fires, int executions, Map<String, Integer> executionsByInstance,
            int operations) {
    }

    /** Runs the fuzz and asserts its invariants; returns what it saw. */
    public Result run() {
        String runId = UUID.randomUUID().toString();
        Queue<String> executions = new ConcurrentLinkedQueue<>();
        Queue<String> executedFires = new ConcurrentLinkedQueue<>();
        Queue<String> executedBy = new ConcurrentLinkedQueue<>();
        int fires = jobs + jobs / 2;
        Queue<SchedulerEvent> problems = new ConcurrentLinkedQueue<>();
        EXECUTIONS.put(runId, executions);
        List<BackgroundScheduler> schedulers = new ArrayList<>();
        int operations = 0;
        try {
            for (int i = 1; i <= instances; i++) {
                String instanceId = "fuzz-" + i;
                BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                        .instanceId(instanceId)
                        .timezone(UTC)
                        .storePollInterval(pollInterval)
                        .jobstore("default", Objects.requireNonNull(stores.get(), "store"))
                        .executor("default", i % 2 == 0 ? new DirectJobExecutor() : new ThreadPoolJobExecutor(4))
                        .build());
                scheduler.addListener(event -> {
                    if (event instanceof SchedulerEvent.JobExecuted run) {
                        executedFires.add(run.jobId() + "@" + run.scheduledRunTime().toInstant());
                        executedBy.add(instanceId);
                    } else if (event instanceof SchedulerEvent.JobMissed || event instanceof SchedulerEvent.JobError
                            || event instanceof SchedulerEvent.JobMaxInstances) {
                        problems.add(event);
                    }
                });
                schedulers.add(scheduler);
                scheduler.start(true);
            }
            assertThat(schedulers.get(0).getJobs()).as("jobs in the backend before the fuzz").isEmpty();

            int firstWave = jobs / 2;
            for (int i = 0; i < firstWave; i++) {
                add(schedulers.get(i % instances), runId, i);
            }
            ZonedDateTime operatedUntil = ZonedDateTime.now(UTC).plus(OPERATED_FOR);
            for (int i = 0; i < operatedJobs; i++) {
                schedulers.get(i % instances).addJob(operatedJob(runId, i, operatedUntil));
            }
            schedulers.forEach(BackgroundScheduler::resume);
            Operator operator = operatedJobs == 0 ? null : new Operator(schedulers, operatedJobs, operatedUntil);
            if (operator != null) {
                operator.start();
            }
            for (int i = firstWave; i < jobs; i++) {
                add(schedulers.get(i % instances), runId, i);
            }
            if (operator != null) {
                operations = operator.finish();
            }

            try {
                // a job leaves the store when its last fire is claimed; runs under way end with the shutdown below
                await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                        .until(() -> schedulers.get(0).getJobs().isEmpty());
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("fuzz jobs still stored after " + timeout + ": " + schedulers.get(0).getJobs()
                        + "; " + executions.size() + " of " + fires + " fires executed", e);
            }
        } finally {
            for (BackgroundScheduler scheduler : schedulers) {
                if (scheduler.isRunning()) {
                    scheduler.shutdown(true);
                }
            }
            EXECUTIONS.remove(runId);
        }

        Map<String, Integer> byInstance = new TreeMap<>();
        executedBy.forEach(instance -> byInstance.merge(instance, 1, Integer::sum));
        assertThat(problems).as("runs missed, failed or skipped").isEmpty();
        assertThat(new HashSet<>(executedFires)).as("distinct (job, fire time) executed, of %d runs, %d operations",
                executedFires.size(), operations).hasSize(executions.size());
        Map<String, Integer> runsByJob = new TreeMap<>();
        executions.stream().filter(id -> id.startsWith(FUZZ_JOB)).forEach(id -> runsByJob.merge(id, 1, Integer::sum));
        assertThat(runsByJob.values().stream().mapToInt(Integer::intValue).sum())
                .as("executions of %d jobs' %d fires by %d schedulers (%s)", jobs, fires, instances, byInstance)
                .isEqualTo(fires);
        runsByJob.forEach((id, runs) -> assertThat(runs).as("runs of %s", id).isEqualTo(firesOf(id)));
        return new Result(jobs, fires, executions.size(), byInstance, operations);
    }

    private static void add(BackgroundScheduler scheduler, String runId, int index) {
        String id = FUZZ_JOB + index;
        ZonedDateTime now = ZonedDateTime.now(UTC);
        JobSpec.Builder spec = JobSpec.builder(TARGET).id(id).args(runId, id).coalesce(false).misfireGraceTime(null);
        if (firesOf(id) == 1) {
            spec.trigger(DateTrigger.at(now));
        } else {
            // fires now (the next run time given) and SECOND_FIRE_AFTER later; the end date cuts off the third
            spec.trigger(new IntervalTrigger(SECOND_FIRE_AFTER, now, now.plus(SECOND_FIRE_AFTER.multipliedBy(3)
                    .dividedBy(2)), null)).nextRunTime(now);
        }
        scheduler.addJob(spec.build());
    }


    /** A job the operator changes while it runs: every {@link #OPERATED_EVERY} until {@code until}. */
    private static JobSpec operatedJob(String runId, int index, ZonedDateTime until) {
        String id = OPERATED_JOB + index;
        return JobSpec.builder(TARGET).id(id).args(runId, id).coalesce(false).misfireGraceTime(null)
                .trigger(operatedTrigger(until)).build();
    }

    private static IntervalTrigger operatedTrigger(ZonedDateTime until) {
        // one grid of fire times for every trigger the operator gives: a fire run twice shows as one time twice
        return new IntervalTrigger(OPERATED_EVERY, GRID_START, until, null);
    }

    /**
     * Changes the operated jobs through the schedulers in turn while they run, as operators of several instances
     * would: renames them, pauses and resumes them, reschedules them (on the same grid of fire times).
     */
    private static final class Operator {

        private final List<BackgroundScheduler> schedulers;
        private final int jobs;
        private final ZonedDateTime until;
        private final Thread thread;
        private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private volatile int operations;

        Operator(List<BackgroundScheduler> schedulers, int jobs, ZonedDateTime until) {
            this.schedulers = schedulers;
            this.jobs = jobs;
            this.until = until;
            this.thread = new Thread(this::operate, "fuzz-operator");
        }

        void start() {
            thread.start();
        }

        private void operate() {
            // seeded: a failure can be run again with the same sequence of operations
            Random random = new Random(42);
            while (ZonedDateTime.now(UTC).plus(OPERATED_EVERY.multipliedBy(5)).isBefore(until)) {
                BackgroundScheduler scheduler = schedulers.get(random.nextInt(schedulers.size()));
                String id = OPERATED_JOB + random.nextInt(jobs);
                try {
                    switch (random.nextInt(4)) {
                        case 0 -> scheduler.modifyJob(id, null, JobChanges.create().name("renamed-" + operations));
                        case 1 -> scheduler.pauseJob(id, null);
                        case 2 -> scheduler.resumeJob(id, null);
                        default -> scheduler.rescheduleJob(id, null, operatedTrigger(until));
                    }
                    operations++;
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            // leave none paused, so that every operated job runs out and leaves the store
            for (int i = 0; i < jobs; i++) {
                try {
                    schedulers.get(0).resumeJob(OPERATED_JOB + i, null);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }

        /** Waits for the operator to be done; returns how many changes it made. */
        int finish() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while the operator ran", e);
            }
            assertThat(failures).as("changes that failed").isEmpty();
            return operations;
        }
    }

    private static int firesOf(String jobId) {
        return Integer.parseInt(jobId.substring(jobId.lastIndexOf('-') + 1)) % 2 == 0 ? 1 : 2;
    }

    /** Builds a {@link ClusterFuzzer}; each setter checks its value. */
    public static final class Builder {

        private final Supplier<JobStore> stores;
        private int instances = 3;
        private int jobs = 300;
        private Duration pollInterval = Duration.ofMillis(200);
        private Duration timeout = Duration.ofSeconds(60);
        private int operatedJobs;

        private Builder(Supplier<JobStore> stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
        }

        /** How many schedulers share the backend: 3 unless set. */
        public Builder instances(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("instances must be at least 2 but was " + value);
            }
            instances = value;
            return this;
        }

        /** How many jobs run (half of them once, half twice): 300 unless set. */
        public Builder jobs(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("jobs must be at least 1 but was " + value);
            }
            jobs = value;
            return this;
        }

        /** The schedulers' store poll interval: 200 ms unless set. */
        public Builder pollInterval(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive but was " + value);
            }
            pollInterval = value;
            return this;
        }

        /** How long every job may take to run before the fuzz fails: 60 s unless set. */
        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive but was " + value);
            }
            timeout = value;
            return this;
        }

        /**
         * How many jobs run every 100 ms for 3 s while an operator renames, pauses, resumes and reschedules them
         * through the schedulers in turn: none unless set. Of those the fuzz checks that no fire ran twice.
         */
        public Builder operatedJobs(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("operatedJobs must be at least 0 but was " + value);
            }
            operatedJobs = value;
            return this;
        }

        public ClusterFuzzer build() {
            return new ClusterFuzzer(this);
        }
    }
}
