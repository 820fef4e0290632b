package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.config.ConfigMaps;
import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.RunDecorator;
import io.github.apscheduler4j.job.AllowedJobTargets;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.job.RunPolicy;
import io.github.apscheduler4j.job.JobTargetResolver;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scheduler's settings: APScheduler's {@code configure(jobstores=..., executors=..., job_defaults=...,
 * timezone=...)}. Built with {@link #builder()}, which checks each value as it is given.
 */
public final class SchedulerConfig {

    public static final Duration DEFAULT_JOBSTORE_RETRY_INTERVAL = Duration.ofSeconds(10);
    public static final String DEFAULT_ALIAS = "default";
    public static final Duration DEFAULT_STORE_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LEASE_RENEWAL_INTERVAL = Duration.ofSeconds(2);

    private final ZoneId timezone;
    private final Clock clock;
    private final JobDefaults jobDefaults;
    private final Duration jobstoreRetryInterval;
    private final Map<String, JobStore> jobstores;
    private final Map<String, JobExecutor> executors;
    private final JobTargetResolver targetResolver;
    private final JobTargetResolver givenResolver;
    private final AllowedJobTargets allowedJobTargets;
    private final boolean daemon;
    private final String instanceId;
    private final Duration storePollInterval;
    private final Duration leaseDuration;
    private final Duration leaseRenewalInterval;
    private final List<RunDecorator> runDecorators;

    private SchedulerConfig(Builder b) {
        this.timezone = b.timezone;
        this.clock = b.clock != null ? b.clock : Clock.system(b.timezone);
        this.jobDefaults = b.jobDefaults;
        this.jobstoreRetryInterval = b.jobstoreRetryInterval;
        this.jobstores = Collections.unmodifiableMap(new LinkedHashMap<>(b.jobstores));
        this.executors = Collections.unmodifiableMap(new LinkedHashMap<>(b.executors));
        this.givenResolver = b.targetResolver;
        this.allowedJobTargets = b.allowedJobTargets;
        ClassTargetResolver classes = new ClassTargetResolver(Thread.currentThread().getContextClassLoader(),
                b.allowedJobTargets);
        this.targetResolver = (b.targetResolver == null ? classes : b.targetResolver.orElse(classes)).remembering();
        this.daemon = b.daemon;
        this.instanceId = b.instanceId != null ? b.instanceId : JobStoreContext.defaultInstanceId();
        this.storePollInterval = b.storePollInterval;
        if (b.leaseRenewalInterval.compareTo(b.leaseDuration) >= 0) {
            throw new IllegalArgumentException("lease_renewal_interval (" + b.leaseRenewalInterval + ") must be shorter"
                    + " than lease_duration (" + b.leaseDuration + "): a lease would run out before it is renewed");
        }
        this.leaseDuration = b.leaseDuration;
        this.leaseRenewalInterval = b.leaseRenewalInterval;
        this.runDecorators = List.copyOf(b.runDecorators);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads APScheduler's dict configuration ({@code scheduler.configure(gconfig, prefix="apscheduler.")}): keys
     * {@code timezone}, {@code job_defaults.coalesce|max_instances|misfire_grace_time}, {@code jobstores.<alias>.type|class}
     * plus options, {@code executors.<alias>.type|class} plus options, {@code jobstore_retry_interval}, {@code daemon};
     * nested maps or dotted keys, snake_case, kebab-case or camelCase.
     *
     * @param prefix put before key names in error messages ({@code "apscheduler."})
     * @throws InvalidConfigurationException naming the full property at fault
     */
    public static SchedulerConfig fromMap(Map<String, ?> config, String prefix) {
        return builder().configure(config, prefix, ComponentFactories.load()).build();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.timezone = timezone;
        b.clock = clock;
        b.jobDefaults = jobDefaults;
        b.jobstoreRetryInterval = jobstoreRetryInterval;
        b.jobstores.putAll(jobstores);
        b.executors.putAll(executors);
        b.targetResolver = givenResolver;
        b.allowedJobTargets = allowedJobTargets;
        b.daemon = daemon;
        b.instanceId = instanceId;
        b.storePollInterval = storePollInterval;
        b.leaseDuration = leaseDuration;
        b.leaseRenewalInterval = leaseRenewalInterval;
        b.runDecorators.addAll(runDecorators);
        return b;
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

    /** The classes that job target references may name ({@link ClassTargetResolver} checks them). */
    public AllowedJobTargets allowedJobTargets() {
        return allowedJobTargets;
    }

    /** Whether a background scheduler's thread is a daemon thread (APScheduler's {@code daemon}, default true). */
    public boolean daemon() {
        return daemon;
    }

    /** This scheduler's name among instances sharing a store: host name and process id unless set. */
    public String instanceId() {
        return instanceId;
    }

    /** How often the scheduler looks at a shared store for jobs added or changed by other instances. */
    public Duration storePollInterval() {
        return storePollInterval;
    }

    /**
     * How long a claimed run's lease lasts in its store unless renewed: when it runs out (its instance died), a live
     * instance takes the run over and recovers or reports it.
     */
    public Duration leaseDuration() {
        return leaseDuration;
    }

    /** How often this instance renews the leases of the runs it holds. */
    public Duration leaseRenewalInterval() {
        return leaseRenewalInterval;
    }

    /** What wraps each run of a job, outermost first; see {@link RunDecorator}. */
    public List<RunDecorator> runDecorators() {
        return runDecorators;
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
        private AllowedJobTargets allowedJobTargets = AllowedJobTargets.outsideNeverList();
        private boolean daemon = true;
        private String instanceId;
        private Duration storePollInterval = DEFAULT_STORE_POLL_INTERVAL;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;
        private Duration leaseRenewalInterval = DEFAULT_LEASE_RENEWAL_INTERVAL;
        private final List<RunDecorator> runDecorators = new ArrayList<>();

        private Builder() {
        }

        /** This scheduler's name among instances sharing a store (default: host name and process id). */
        public Builder instanceId(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("instance_id must not be blank");
            }
            instanceId = value.trim();
            return this;
        }

        /** How often to look at a shared store for changes made by other instances (default 1 s). */
        public Builder storePollInterval(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("store_poll_interval must be positive but was " + value);
            }
            storePollInterval = value;
            return this;
        }

        /** How long a claimed run's lease lasts unless renewed (default 10 s); see {@link #leaseDuration()}. */
        public Builder leaseDuration(Duration value) {
            leaseDuration = requirePositive(value, "lease_duration");
            return this;
        }

        /** How often the leases of runs under way are renewed (default 2 s); shorter than the lease duration. */
        public Builder leaseRenewalInterval(Duration value) {
            leaseRenewalInterval = requirePositive(value, "lease_renewal_interval");
            return this;
        }

        private static Duration requirePositive(Duration value, String key) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(key + " must be positive but was " + value);
            }
            return value;
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

        /**
         * Adds a {@link RunDecorator} that wraps each run of a job on every executor that extends
         * {@code AbstractJobExecutor}; one added earlier wraps those added later.
         */
        public Builder runDecorator(RunDecorator decorator) {
            runDecorators.add(Objects.requireNonNull(decorator, "runDecorator"));
            return this;
        }

        /**
         * The classes that job target references may name: {@code allowedJobTargets(AllowedJobTargets.of(List.of(
         * "com.acme.jobs")))}. Default: any class outside {@link AllowedJobTargets#NEVER}, which keeps existing code
         * working; a scheduler with a shared store warns at start until it is set.
         */
        public Builder allowedJobTargets(AllowedJobTargets value) {
            allowedJobTargets = Objects.requireNonNull(value, "allowedJobTargets");
            return this;
        }

        /** Only classes in these packages, or these classes, may be named by job targets; see {@link AllowedJobTargets#of}. */
        public Builder allowedJobTargets(String... patterns) {
            return allowedJobTargets(AllowedJobTargets.of(List.of(patterns)));
        }

        public Builder daemon(boolean value) {
            daemon = value;
            return this;
        }

        /** Applies APScheduler's dict configuration; see {@link SchedulerConfig#fromMap}. */
        public Builder configure(Map<String, ?> config, String prefix, ComponentFactories factories) {
            String base = prefix == null ? "" : prefix;
            ConfigOptions options = ConfigOptions.of(ConfigMaps.nest(config));
            try {
                options.requireOnly("timezone", "job_defaults", "jobstores", "executors", "jobstore_retry_interval",
                        "daemon", "instance_id", "store_poll_interval", "lease_duration", "lease_renewal_interval");
                timezone(options.zone("timezone", timezone));
                jobstoreRetryInterval(options.duration("jobstore_retry_interval", jobstoreRetryInterval, false));
                daemon(options.bool("daemon", daemon));
                if (options.has("instance_id")) {
                    instanceId(options.string("instance_id", null));
                }
                storePollInterval(options.duration("store_poll_interval", storePollInterval, false));
                leaseDuration(options.duration("lease_duration", leaseDuration, false));
                leaseRenewalInterval(options.duration("lease_renewal_interval", leaseRenewalInterval, false));
            } catch (InvalidConfigurationException e) {
                throw e.withPrefix(base);
            }
            ConfigOptions defaults;
            Map<String, Object> jobstoreEntries;
            Map<String, Object> executorEntries;
            try {
                defaults = ConfigOptions.of(options.map("job_defaults"));
                jobstoreEntries = options.map("jobstores");
                executorEntries = options.map("executors");
            } catch (InvalidConfigurationException e) {
                throw e.withPrefix(base);
            }
            try {
                defaults.requireOnly("coalesce", "max_instances", "misfire_grace_time", "recovery", "retries",
                        "retry_backoff");
                jobDefaults(new JobDefaults(defaults.bool("coalesce", jobDefaults.coalesce()),
                        defaults.integer("max_instances", jobDefaults.maxInstances()),
                        defaults.duration("misfire_grace_time", jobDefaults.misfireGraceTime(), true),
                        runPolicy(defaults, jobDefaults.runPolicy())));
            } catch (InvalidConfigurationException e) {
                throw e.withPrefix(base + "job_defaults.");
            }
            jobstoreEntries.forEach((alias, entry) -> {
                String at = base + "jobstores." + alias + ".";
                try {
                    if (!(entry instanceof Map<?, ?> map)) {
                        throw new InvalidConfigurationException("type", entry, "expected a map with a type or class");
                    }
                    jobstore(alias, factories.createJobStore(ConfigMaps.nest(stringKeys(map))));
                } catch (InvalidConfigurationException e) {
                    throw e.withPrefix(at);
                }
            });
            executorEntries.forEach((alias, entry) -> {
                String at = base + "executors." + alias + ".";
                try {
                    if (!(entry instanceof Map<?, ?> map)) {
                        throw new InvalidConfigurationException("type", entry, "expected a map with a type or class");
                    }
                    executor(alias, factories.createExecutor(ConfigMaps.nest(stringKeys(map))));
                } catch (InvalidConfigurationException e) {
                    throw e.withPrefix(at);
                }
            });
            return this;
        }

        private static RunPolicy runPolicy(ConfigOptions defaults, RunPolicy policy) {
            RunPolicy read = policy;
            if (defaults.has("recovery")) {
                String word = defaults.string("recovery", null);
                try {
                    read = read.withRecovery(Recovery.of(word));
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigurationException("recovery", word, "expected none or rerun");
                }
            }
            return read.withRetries(defaults.integer("retries", read.retries(), 0)).withRetryBackoff(defaults.duration("retry_backoff", read.retryBackoff(),
                    false));
        }

        private static Map<String, Object> stringKeys(Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), value));
            return copy;
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
