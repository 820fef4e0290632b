package io.github.apscheduler4j.job;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * Which fire of which job a run is: what a job's code is told about the run it is part of. A job method receives it
 * by declaring a {@code JobContext} parameter (anywhere in its parameter list; it is not one of the positional
 * parameters that {@code args} fill, and no keyword argument can name it), and any code in the thread that runs the
 * job reads it with {@link #current()}. This holds for every executor, a process-pool worker included, and for
 * method, static, {@code Runnable}, {@code Callable}, {@link JobFunction} and Spring bean targets alike.
 *
 * <p>{@link #fireId()} names the fire: the job's id and the time the run was scheduled for, the same for every
 * attempt at that fire and on every instance sharing a store, so that a job can use it as an idempotency key (for
 * instance as the unique key of the rows the run writes).
 *
 * <p>{@link #current()} is tied to the thread that runs the job's code, from just before the code is called until it
 * returns. A job that returns an asynchronous result (a {@code CompletionStage}, a publisher) and goes on in other
 * threads finds no context there: it reads the context while it runs and hands it on itself.
 *
 * @param jobId the job's id
 * @param jobstore the alias of the job's store ({@code null} for a job not yet in one)
 * @param scheduledFireTime the time the run was scheduled for, or {@code null} for a run now outside the schedule
 *        ({@code Scheduler.runJob})
 * @param started when this run started, on the scheduler's clock and in its zone
 * @param attempt which attempt at this fire this run is, from 1 ({@link #FIRST_ATTEMPT}); every run is a first
 *        attempt today, a retry of the same fire would have the same fire id and a higher attempt
 * @param instanceId the id of the scheduler instance that runs the job ({@code SchedulerConfig.instanceId()})
 */
public record JobContext(String jobId, String jobstore, ZonedDateTime scheduledFireTime, ZonedDateTime started,
        int attempt, String instanceId) {

    /** The attempt of a fire's first run. */
    public static final int FIRST_ATTEMPT = 1;

    /** The SLF4J MDC key that holds the job's id while its code runs ({@code %X{apscheduler.jobId}} in a pattern). */
    public static final String MDC_JOB_ID = "apscheduler.jobId";

    /**
     * The SLF4J MDC key that holds the run's scheduled fire time, an ISO-8601 instant in UTC, while the job's code runs;
     * absent for a run now, outside the schedule.
     */
    public static final String MDC_FIRE_TIME = "apscheduler.fireTime";

    private static final ThreadLocal<JobContext> CURRENT = new ThreadLocal<>();

    public JobContext {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(instanceId, "instanceId");
        if (attempt < FIRST_ATTEMPT) {
            throw new IllegalArgumentException("attempt must be at least " + FIRST_ATTEMPT + " but was " + attempt);
        }
    }

    /** The context of a fire's first attempt. */
    public static JobContext firstAttempt(String jobId, String jobstore, ZonedDateTime scheduledFireTime,
            ZonedDateTime started, String instanceId) {
        return new JobContext(jobId, jobstore, scheduledFireTime, started, FIRST_ATTEMPT, instanceId);
    }

    /**
     * The fire's id, {@code <jobId>@<instant>}: the scheduled fire time as an ISO-8601 instant in UTC
     * ({@code nightly@2026-03-01T02:00:00Z}), whatever the scheduler's zone, so that it reads the same on every
     * instance and across daylight saving changes. The instant follows the last {@code @}, so job ids may hold one.
     *
     * <p>A run now outside the schedule ({@code scheduledFireTime} {@code null}) has no scheduled time: its fire id
     * takes the instant the run {@link #started} instead, so each such run is a fire of its own.
     */
    public String fireId() {
        ZonedDateTime time = scheduledFireTime != null ? scheduledFireTime : started;
        return jobId + "@" + DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
    }

    /** Whether the run was scheduled, rather than run now outside the schedule. */
    public boolean isScheduled() {
        return scheduledFireTime != null;
    }

    /**
     * The context of the run the calling thread is running.
     *
     * @throws IllegalStateException when the thread runs no job: it is not an executor's thread in a run, or the
     *         job's code handed the work to another thread
     */
    public static JobContext current() {
        JobContext context = CURRENT.get();
        if (context == null) {
            throw new IllegalStateException("JobContext.current() was called outside a job run: only the thread that"
                    + " runs a job's code has its context, while the code runs");
        }
        return context;
    }

    /** The context of the run the calling thread is running, if it runs one. */
    public static Optional<JobContext> find() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Calls {@code action} with {@code context} as the calling thread's {@link #current()} context, and the job's id
     * and fire time in the thread's SLF4J MDC ({@link #MDC_JOB_ID}, {@link #MDC_FIRE_TIME}), and puts back what was
     * there before when it returns or throws. Executors call a job's code this way; tests may call a job's
     * code so too.
     */
    public static <T> T callWith(JobContext context, Callable<T> action) throws Exception {
        Objects.requireNonNull(context, "context");
        JobContext previous = CURRENT.get();
        CURRENT.set(context);
        String previousJobId = MDC.get(MDC_JOB_ID);
        String previousFireTime = MDC.get(MDC_FIRE_TIME);
        MDC.put(MDC_JOB_ID, context.jobId());
        putOrRemove(MDC_FIRE_TIME, context.isScheduled() ? fireTimeText(context.scheduledFireTime().toInstant()) : null);
        try {
            return action.call();
        } finally {
            putOrRemove(MDC_JOB_ID, previousJobId);
            putOrRemove(MDC_FIRE_TIME, previousFireTime);
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** A fire time as the MDC shows it, and the time it shows. */
    private record FireTimeText(Instant fireTime, String text) {
    }

    // the last fire time formatted: the runs of a burst, and the cron jobs of one minute, share their fire time, and
    // formatting it again for each run cost more than the rest of the MDC's upkeep
    private static volatile FireTimeText lastFireTime;

    private static String fireTimeText(Instant fireTime) {
        FireTimeText last = lastFireTime;
        if (last != null && last.fireTime().equals(fireTime)) {
            return last.text();
        }
        String text = DateTimeFormatter.ISO_INSTANT.format(fireTime);
        lastFireTime = new FireTimeText(fireTime, text);
        return text;
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
