package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.job.JobTargetResolver;
import io.github.apscheduler4j.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scheduler's settings: APScheduler's {@code configure(jobstores=..., executors=..., job_defaults=...,
 * timezone=...)}. Built with {@link #builder()}, which checks each value as it is given.
 */
public final class SchedulerConfig {

    public static final Duration DEFAULT_JOBSTORE_RETRY_INTERVAL = Duration.ofSeconds(10);
    public static final String DEFAULT_ALIAS = "default";

    private final ZoneId timezone;
    private final Clock clock;
    private final JobDefaults jobDefaults;
    private final Duration jobstoreRetryInterval;
    private final Map<String, JobStore> jobstores;
    private final Map<String, JobExecutor> executors;
    private final JobTargetResolver targetResolver;
    private final boolean daemon;

    private SchedulerConfig(Builder b) {
        this.timezone = b.timezone;
        this.clock = b.clock != null ? b.clock : Clock.system(b.timezone);
        this.jobDefaults = b.jobDefaults;
        this.jobstoreRetryInterval = b.jobstoreRetryInterval;
        this.jobstores = Collections.unmodifiableMap(new LinkedHashMap<>(b.jobstores));
        this.executors = Collections.unmodifiableMap(new LinkedHashMap<>(b.executors));
        ClassTargetResolver classes = new ClassTargetResolver();
        this.targetResolver = b.targetResolver == null ? classes : b.targetResolver.orElse(classes);
        this.daemon = b.daemon;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: system time zone and clock, APScheduler's job defaults, stores and executors made at start. */
    public static SchedulerConfig defaults() {
        return builder().build();
    }

    public ZoneId timezone() {
        return timezone;
    }

    public Clock clock() {
        return clock;
    }

    public JobDefaults jobDefaults() {
        return jobDefaults;
    }

    public Duration jobstoreRetryInterval() {
        return jobstoreRetryInterval;
    }

    public Map<String, JobStore> jobstores() {
        return jobstores;
    }

    public Map<String, JobExecutor> executors() {
        return executors;
    }

    /** The given resolver (if any), then {@link ClassTargetResolver}. */
    public JobTargetResolver targetResolver() {
        return targetResolver;
    }

    /** Whether a background scheduler's thread is a daemon thread (APScheduler's {@code daemon}, default true). */
    public boolean daemon() {
        return daemon;
    }

    /** Builds a {@link SchedulerConfig}; every setter checks its value. */
    public static final class Builder {
        private ZoneId timezone = ZoneId.systemDefault();
        private Clock clock;
        private JobDefaults jobDefaults = JobDefaults.APSCHEDULER;
        private Duration jobstoreRetryInterval = DEFAULT_JOBSTORE_RETRY_INTERVAL;
        private final Map<String, JobStore> jobstores = new LinkedHashMap<>();
        private final Map<String, JobExecutor> executors = new LinkedHashMap<>();
        private JobTargetResolver targetResolver;
        private boolean daemon = true;

        private Builder() {
        }

        public Builder timezone(ZoneId value) {
            timezone = Objects.requireNonNull(value, "timezone");
            return this;
        }

        /** The clock all "now"s come from; tests pass a {@code MutableClock} instead of sleeping. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder jobDefaults(JobDefaults value) {
            jobDefaults = Objects.requireNonNull(value, "jobDefaults");
            return this;
        }

        /** How long to wait before asking a failing job store again (APScheduler's {@code jobstore_retry_interval}). */
        public Builder jobstoreRetryInterval(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("jobstore_retry_interval must be positive but was " + value);
            }
            jobstoreRetryInterval = value;
            return this;
        }

        public Builder jobstore(String alias, JobStore store) {
            jobstores.put(requireAlias(alias, "job store"), Objects.requireNonNull(store, "job store"));
            return this;
        }

        public Builder executor(String alias, JobExecutor executor) {
            executors.put(requireAlias(alias, "executor"), Objects.requireNonNull(executor, "executor"));
            return this;
        }

        /** Resolves job target references before the built-in {@link ClassTargetResolver} does. */
        public Builder targetResolver(JobTargetResolver value) {
            targetResolver = value;
            return this;
        }

        public Builder daemon(boolean value) {
            daemon = value;
            return this;
        }

        public SchedulerConfig build() {
            return new SchedulerConfig(this);
        }

        static String requireAlias(String alias, String what) {
            if (alias == null || alias.isBlank()) {
                throw new IllegalArgumentException(what + " alias must not be blank");
            }
            return alias;
        }
    }
}
