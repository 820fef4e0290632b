package io.github.apscheduler4j.job;

import io.github.apscheduler4j.trigger.Trigger;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code Scheduler.addJob} takes: APScheduler's {@code add_job} keyword arguments. Settings left
 * unset take the scheduler's {@link JobDefaults}; with no trigger the job runs once, now.
 *
 * <pre>{@code
 * scheduler.addJob(JobSpec.builder("com.acme.Reports::nightly")
 *         .trigger("cron", Map.of("day", 1, "minute", 20))
 *         .id("nightly").replaceExisting(true).build());
 * }</pre>
 */
public record JobSpec(
        JobTarget target,
        Trigger trigger,
        String triggerType,
        Map<String, Object> triggerArgs,
        List<Object> args,
        Map<String, Object> kwargs,
        String id,
        String name,
        String executor,
        String jobstore,
        Boolean coalesce,
        Integer maxInstances,
        Duration misfireGraceTime,
        boolean misfireGraceTimeSet,
        Recovery recovery,
        Integer retries,
        Duration retryBackoff,
        ZonedDateTime nextRunTime,
        boolean paused,
        boolean replaceExisting) {

    public JobSpec {
        Objects.requireNonNull(target, "target");
        if (trigger != null && triggerType != null) {
            throw new IllegalArgumentException("give either a trigger or a trigger type, not both");
        }
        args = args == null ? List.of() : List.copyOf(args);
        kwargs = kwargs == null ? Map.of() : Map.copyOf(kwargs);
        triggerArgs = triggerArgs == null ? Map.of() : Map.copyOf(triggerArgs);
        if (maxInstances != null) {
            JobDefaults.requireMaxInstances(maxInstances);
        }
        JobDefaults.requireGraceTime(misfireGraceTime);
        if (retries != null || retryBackoff != null) {
            // the job's policy checks them, one by one over the defaults
            RunPolicy.DEFAULT.withRetries(retries == null ? 0 : retries)
                    .withRetryBackoff(retryBackoff == null ? RunPolicy.DEFAULT_RETRY_BACKOFF : retryBackoff);
        }
        if (id != null && id.isBlank()) {
            throw new IllegalArgumentException("job id must not be blank");
        }
    }

    /** A job running a static method or class named by reference ({@code com.acme.Reports::nightly}). */
    public static Builder builder(String reference) {
        return new Builder(JobTarget.of(reference));
    }

    public static Builder builder(JobTarget target) {
        return new Builder(target);
    }

    /** A job running in-process code; it can be kept in the memory store only. */
    public static Builder builder(Runnable runnable) {
        return new Builder(JobTarget.of(JobFunction.of(runnable)));
    }

    public static Builder builder(JobFunction function) {
        return new Builder(JobTarget.of(function));
    }

    /** Builds a {@link JobSpec}. */
    public static final class Builder {
        private final JobTarget target;
        private Trigger trigger;
        private String triggerType;
        private Map<String, Object> triggerArgs;
        private List<Object> args;
        private Map<String, Object> kwargs;
        private String id;
        private String name;
        private String executor;
        private String jobstore;
        private Boolean coalesce;
        private Integer maxInstances;
        private Duration misfireGraceTime;
        private boolean misfireGraceTimeSet;
        private Recovery recovery;
        private Integer retries;
        private Duration retryBackoff;
        private ZonedDateTime nextRunTime;
        private boolean paused;
        private boolean replaceExisting;

        private Builder(JobTarget target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        public Builder trigger(Trigger value) {
            trigger = value;
            return this;
        }

        /** A trigger by APScheduler's alias and keyword arguments, built in the scheduler's time zone. */
        public Builder trigger(String type, Map<String, ?> arguments) {
            triggerType = Objects.requireNonNull(type, "trigger type");
            triggerArgs = Map.copyOf(arguments);
            return this;
        }

        public Builder args(Object... values) {
            args = List.of(values);
            return this;
        }

        public Builder args(List<?> values) {
            args = List.copyOf(values);
            return this;
        }

        public Builder kwargs(Map<String, ?> values) {
            kwargs = Map.copyOf(values);
            return this;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        /** @throws IllegalArgumentException when longer than {@link Job#MAX_NAME_LENGTH} */
        public Builder name(String value) {
            name = Job.requireNameLength(value);
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
            maxInstances = JobDefaults.requireMaxInstances(value);
            return this;
        }

        /** How late a run may start and still run; {@code null} for no limit. */
        public Builder misfireGraceTime(Duration value) {
            misfireGraceTime = JobDefaults.requireGraceTime(value);
            misfireGraceTimeSet = true;
            return this;
        }

        /** What a live instance does with a fire whose instance died running it; see {@link Recovery}. */
        public Builder recovery(Recovery value) {
            recovery = Objects.requireNonNull(value, "recovery");
            return this;
        }

        /** How many times a failed run is tried again; see {@link RunPolicy}. */
        public Builder retries(int value) {
            retries = RunPolicy.DEFAULT.withRetries(value).retries();
            return this;
        }

        /** The wait before the first retry, doubled for each later one, with jitter; see {@link RunPolicy}. */
        public Builder retryBackoff(Duration value) {
            retryBackoff = RunPolicy.DEFAULT.withRetryBackoff(value).retryBackoff();
            return this;
        }

        /** The first run time, instead of the trigger's. */
        public Builder nextRunTime(ZonedDateTime value) {
            nextRunTime = value;
            return this;
        }

        /** Adds the job paused (APScheduler's {@code next_run_time=None}). */
        public Builder paused() {
            paused = true;
            return this;
        }

        /** Replaces a job with the same id instead of failing. */
        public Builder replaceExisting(boolean value) {
            replaceExisting = value;
            return this;
        }

        public JobSpec build() {
            return new JobSpec(target, trigger, triggerType, triggerArgs, args, kwargs, id, name, executor, jobstore,
                    coalesce, maxInstances, misfireGraceTime, misfireGraceTimeSet, recovery, retries, retryBackoff,
                    nextRunTime, paused, replaceExisting);
        }
    }

    /** The run policy of a job made from this spec: what it sets, over {@code defaults}. */
    public RunPolicy runPolicy(RunPolicy defaults) {
        RunPolicy policy = recovery == null ? defaults : defaults.withRecovery(recovery);
        policy = retries == null ? policy : policy.withRetries(retries);
        return retryBackoff == null ? policy : policy.withRetryBackoff(retryBackoff);
    }
}
