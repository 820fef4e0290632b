package io.github.apscheduler4j.job;

import io.github.apscheduler4j.trigger.Trigger;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scheduled job as stored: immutable. The {@code with...} methods return changed copies.
 *
 * <p>{@code nextRunTime} is {@code null} while the job is paused, as in APScheduler. {@code version} is
 * owned by the job store: it grows with every write, so that two schedulers sharing a store can tell
 * whether the job changed since they read it.
 */
public final class Job {

    /** The longest name a job given through the API may have: it is shown in every listing and log line. */
    public static final int MAX_NAME_LENGTH = 1000;

    /** The name, when it is at most {@link #MAX_NAME_LENGTH} characters long. */
    static String requireNameLength(String name) {
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("job name '" + name.substring(0, 40) + "...' is " + name.length()
                    + " characters long, longer than the " + MAX_NAME_LENGTH + " a job name may have");
        }
        return name;
    }


    /** The most due runs one check hands out without {@code coalesce}; see {@link #dueRuns}. */
    public static final int MAX_DUE_RUNS = 1_000;

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final String id;
    private final String name;
    private final JobTarget target;
    private final List<Object> args;
    private final Map<String, Object> kwargs;
    private final Trigger trigger;
    private final String executor;
    private final String jobstore;
    private final boolean coalesce;
    private final int maxInstances;
    private final Duration misfireGraceTime;
    private final RunPolicy runPolicy;
    private final boolean declared;
    private final ZonedDateTime nextRunTime;
    // the next run time as numbers (zero while paused), so that ordering and due checks read no date-time objects
    private final long nextRunSecond;
    private final int nextRunNano;
    private final long version;

    private Job(Builder b) {
        this.id = requireText(b.id, "id");
        this.name = b.name == null ? target(b).displayName() : b.name;
        this.target = target(b);
        // most jobs take no arguments: they share the empty ones rather than hold two collections each
        this.args = b.args.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(new ArrayList<>(b.args));
        this.kwargs = b.kwargs.isEmpty() ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.kwargs));
        this.trigger = Objects.requireNonNull(b.trigger, "trigger");
        this.executor = requireText(b.executor, "executor");
        this.jobstore = b.jobstore;
        this.coalesce = b.coalesce;
        this.maxInstances = JobDefaults.requireMaxInstances(b.maxInstances);
        this.misfireGraceTime = JobDefaults.requireGraceTime(b.misfireGraceTime);
        this.runPolicy = Objects.requireNonNull(b.runPolicy, "runPolicy");
        this.declared = b.declared;
        this.nextRunTime = b.nextRunTime;
        this.nextRunSecond = epochSecond(b.nextRunTime);
        this.nextRunNano = nano(b.nextRunTime);
        this.version = b.version;
    }

    // a copy with another next run time and version: the rest is immutable and shared, so that moving a job on, which
    // the scheduler does for every run, copies no argument list
    private Job(Job source, ZonedDateTime nextRunTime, long version) {
        this.id = source.id;
        this.name = source.name;
        this.target = source.target;
        this.args = source.args;
        this.kwargs = source.kwargs;
        this.trigger = source.trigger;
        this.executor = source.executor;
        this.jobstore = source.jobstore;
        this.coalesce = source.coalesce;
        this.maxInstances = source.maxInstances;
        this.misfireGraceTime = source.misfireGraceTime;
        this.runPolicy = source.runPolicy;
        this.declared = source.declared;
        this.nextRunTime = nextRunTime;
        this.nextRunSecond = epochSecond(nextRunTime);
        this.nextRunNano = nano(nextRunTime);
        this.version = version;
    }

    private static long epochSecond(ZonedDateTime time) {
        return time == null ? 0 : time.toEpochSecond();
    }

    private static int nano(ZonedDateTime time) {
        return time == null ? 0 : time.getNano();
    }

    private static JobTarget target(Builder b) {
        return Objects.requireNonNull(b.target, "target");
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("job " + what + " must not be blank");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.name = name;
        b.target = target;
        b.args = args;
        b.kwargs = kwargs;
        b.trigger = trigger;
        b.executor = executor;
        b.jobstore = jobstore;
        b.coalesce = coalesce;
        b.maxInstances = maxInstances;
        b.misfireGraceTime = misfireGraceTime;
        b.runPolicy = runPolicy;
        b.declared = declared;
        b.nextRunTime = nextRunTime;
        b.version = version;
        return b;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public JobTarget target() {
        return target;
    }

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** The alias of the executor that runs this job. */
    public String executor() {
        return executor;
    }

    /** The alias of the store holding this job; {@code null} while the job is pending (scheduler not started). */
    public String jobstore() {
        return jobstore;
    }

    public boolean coalesce() {
        return coalesce;
    }

    public int maxInstances() {
        return maxInstances;
    }

    /** How late a run may start; {@code null} for no limit. */
    public Duration misfireGraceTime() {
        return misfireGraceTime;
    }

    /** What is done when a run fails or its instance dies: retries and recovery. */
    public RunPolicy runPolicy() {
        return runPolicy;
    }

    /**
     * Whether the job is declared by the application (an {@code @ApsJob}) and reconciled with its stored form at each
     * start ({@code Scheduler.reconcileJob}), rather than added once: what tells a job that an application declared
     * earlier, and declares no more, from one added through the API.
     */
    public boolean declared() {
        return declared;
    }

    /**
     * Whether {@code other} has this job's definition: the same target (by reference), args, kwargs, trigger (type and
     * arguments), executor, name, coalesce, max_instances, misfire_grace_time and run policy. The id, store, next run time, paused
     * state, version and {@link #declared()} are not the definition. Argument values compare as JSON values do, so that
     * a job read back from a persistent store (where {@code 5L} comes back as {@code 5}) has the definition it was
     * written with.
     */
    public boolean hasDefinitionOf(Job other) {
        return target.equals(other.target) && JsonValues.same(args, other.args)
                && JsonValues.same(kwargs, other.kwargs) && hasTriggerOf(other) && executor.equals(other.executor)
                && name.equals(other.name) && coalesce == other.coalesce && maxInstances == other.maxInstances
                && Objects.equals(misfireGraceTime, other.misfireGraceTime) && runPolicy.equals(other.runPolicy);
    }

    /** Whether {@code other}'s trigger is of this job's trigger type, with the same arguments (as JSON values). */
    public boolean hasTriggerOf(Job other) {
        return trigger.type().equals(other.trigger.type())
                && JsonValues.same(trigger.arguments(), other.trigger.arguments());
    }

    /** The next run time, or {@code null} while paused. */
    public ZonedDateTime nextRunTime() {
        return nextRunTime;
    }

    public boolean isPaused() {
        return nextRunTime == null;
    }

    /** The next run time's epoch second; {@code 0} while paused. */
    public long nextRunEpochSecond() {
        return nextRunSecond;
    }

    /** The next run time's nanosecond of the second; {@code 0} while paused. */
    public int nextRunNano() {
        return nextRunNano;
    }

    /** Whether the next run time is after {@code epochSecond} and {@code nano}; {@code false} while paused. */
    public boolean runsAfter(long epochSecond, int nano) {
        return nextRunTime != null
                && (nextRunSecond > epochSecond || (nextRunSecond == epochSecond && nextRunNano > nano));
    }

    public long version() {
        return version;
    }

    public Job withNextRunTime(ZonedDateTime value) {
        return new Job(this, value, version);
    }

    public Job withVersion(long value) {
        return new Job(this, nextRunTime, value);
    }

    /** This job moved on to {@code nextRunTime} by a store's write that gives it {@code version}. */
    public Job advancedTo(ZonedDateTime nextRunTime, long version) {
        return new Job(this, nextRunTime, version);
    }

    public Job withJobstore(String value) {
        return toBuilder().jobstore(value).build();
    }

    public Job withTarget(JobTarget value) {
        return toBuilder().target(value).build();
    }

    /**
     * The run times due at {@code now}, oldest first: APScheduler's {@code _get_run_times}. With
     * {@code coalesce} only the latest is kept, without holding every missed time in memory.
     */
    public List<ZonedDateTime> dueRunTimes(ZonedDateTime now) {
        return new ArrayList<>(dueRuns(now).runTimes());
    }

    /**
     * The run times due at {@code now} ({@link #dueRunTimes}) and the trigger's fire time after the last of them, which
     * the search for them computed anyway: the job's next run time once they are submitted ({@code null}: none).
     * The run times are an unmodifiable list; when none is due, it is empty and the next run time is {@code null}.
     * Without {@code coalesce}, at most {@link #MAX_DUE_RUNS} of them, the latest: the older ones are counted in
     * {@link DueRuns#dropped()}, so that a job that was due every second through a month's outage costs no more memory
     * than one due a thousand times.
     */
    public DueRuns dueRuns(ZonedDateTime now) {
        ZonedDateTime first = nextRunTime;
        if (first == null || runsAfter(now.toEpochSecond(), now.getNano())) {
            return DueRuns.NONE;
        }
        ZonedDateTime next = trigger.nextFireTime(first, now);
        if (next == null || next.isAfter(now)) {
            // the common case: one run due
            return new DueRuns(List.of(first), next, null);
        }
        ArrayDeque<ZonedDateTime> runTimes = new ArrayDeque<>();
        runTimes.add(first);
        long dropped = 0;
        ZonedDateTime firstDropped = null;
        ZonedDateTime lastDropped = null;
        while (next != null && !next.isAfter(now)) {
            if (coalesce) {
                runTimes.clear();
            } else if (runTimes.size() == MAX_DUE_RUNS) {
                lastDropped = runTimes.removeFirst();
                if (dropped++ == 0) {
                    firstDropped = lastDropped;
                }
            }
            runTimes.add(next);
            next = trigger.nextFireTime(next, now);
        }
        return new DueRuns(List.copyOf(runTimes), next,
                dropped == 0 ? null : new DroppedRuns(dropped, firstDropped, lastDropped));
    }

    /**
     * What {@link #dueRuns} finds: the due run times, oldest first, the fire time after the last of them, and the
     * runs dropped past {@link #MAX_DUE_RUNS} ({@code null}: none).
     */
    public record DueRuns(List<ZonedDateTime> runTimes, ZonedDateTime nextRunTime, DroppedRuns dropped) {
        static final DueRuns NONE = new DueRuns(List.of(), null, null);
    }

    /** The oldest due runs that {@link #dueRuns} did not hand out: how many, and the first and last of them. */
    public record DroppedRuns(long count, ZonedDateTime first, ZonedDateTime last) {
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Job that && id.equals(that.id) && name.equals(that.name) && target.equals(that.target)
                && args.equals(that.args) && kwargs.equals(that.kwargs) && trigger.equals(that.trigger)
                && executor.equals(that.executor) && Objects.equals(jobstore, that.jobstore)
                && coalesce == that.coalesce && maxInstances == that.maxInstances
                && Objects.equals(misfireGraceTime, that.misfireGraceTime) && runPolicy.equals(that.runPolicy)
                && declared == that.declared
                && Objects.equals(nextRunTime == null ? null : nextRunTime.toInstant(),
                        that.nextRunTime == null ? null : that.nextRunTime.toInstant())
                && version == that.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    /** As APScheduler prints a job: {@code nightly (trigger: cron[hour='3'], next run at: 2026-11-25 03:00:00 UTC)}. */
    @Override
    public String toString() {
        String state = nextRunTime == null ? "paused" : "next run at: " + DISPLAY.format(nextRunTime);
        return name + " (trigger: " + trigger + ", " + state + ")";
    }

    /** Builds a {@link Job}; used by the scheduler and by job stores decoding stored jobs. */
    public static final class Builder {
        private String id;
        private String name;
        private JobTarget target;
        private List<Object> args = List.of();
        private Map<String, Object> kwargs = Map.of();
        private Trigger trigger;
        private String executor = "default";
        private String jobstore;
        private boolean coalesce = JobDefaults.DEFAULT_COALESCE;
        private int maxInstances = JobDefaults.DEFAULT_MAX_INSTANCES;
        private Duration misfireGraceTime = JobDefaults.DEFAULT_MISFIRE_GRACE_TIME;
        private RunPolicy runPolicy = RunPolicy.DEFAULT;
        private boolean declared;
        private ZonedDateTime nextRunTime;
        private long version;

        private Builder() {
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder target(JobTarget value) {
            target = value;
            return this;
        }

        public Builder args(List<?> value) {
            // the job copies them again: an empty one need not be copied here
            args = Objects.requireNonNull(value, "args").isEmpty() ? List.of() : new ArrayList<>(value);
            return this;
        }

        public Builder kwargs(Map<String, ?> value) {
            kwargs = Objects.requireNonNull(value, "kwargs").isEmpty() ? Map.of() : new LinkedHashMap<>(value);
            return this;
        }

        public Builder trigger(Trigger value) {
            trigger = value;
            return this;
        }

        public Builder executor(String value) {
            executor = value;
            return this;
        }

        public Builder jobstore(String value) {
            jobstore = value;
            return this;
        }

        public Builder coalesce(boolean value) {
            coalesce = value;
            return this;
        }

        public Builder maxInstances(int value) {
            maxInstances = value;
            return this;
        }

        public Builder misfireGraceTime(Duration value) {
            misfireGraceTime = value;
            return this;
        }

        public Builder runPolicy(RunPolicy value) {
            runPolicy = value;
            return this;
        }

        public Builder defaults(JobDefaults defaults) {
            coalesce = defaults.coalesce();
            maxInstances = defaults.maxInstances();
            misfireGraceTime = defaults.misfireGraceTime();
            runPolicy = defaults.runPolicy();
            return this;
        }

        /** See {@link Job#declared()}. */
        public Builder declared(boolean value) {
            declared = value;
            return this;
        }

        public Builder nextRunTime(ZonedDateTime value) {
            nextRunTime = value;
            return this;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public Job build() {
            return new Job(this);
        }
    }
}
