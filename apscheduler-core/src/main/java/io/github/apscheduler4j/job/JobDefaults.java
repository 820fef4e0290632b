package io.github.apscheduler4j.job;

import java.time.Duration;

/**
 * The settings a job takes when it does not set its own: APScheduler's {@code job_defaults}.
 *
 * @param coalesce whether several missed runs of a job are rolled into one
 * @param maxInstances how many runs of one job may be under way at once (at least 1)
 * @param misfireGraceTime how late a run may start and still run; {@code null} for no limit
 * @param runPolicy recovery after a crash and retries after a failure
 */
public record JobDefaults(boolean coalesce, int maxInstances, Duration misfireGraceTime, RunPolicy runPolicy) {

    public static final boolean DEFAULT_COALESCE = true;
    public static final int DEFAULT_MAX_INSTANCES = 1;
    public static final Duration DEFAULT_MISFIRE_GRACE_TIME = Duration.ofSeconds(1);

    /** APScheduler's defaults: coalesce, one instance, one second of grace. */
    public static final JobDefaults APSCHEDULER = new JobDefaults(DEFAULT_COALESCE, DEFAULT_MAX_INSTANCES,
            DEFAULT_MISFIRE_GRACE_TIME);

    public JobDefaults {
        requireMaxInstances(maxInstances);
        requireGraceTime(misfireGraceTime);
        java.util.Objects.requireNonNull(runPolicy, "runPolicy");
    }

    /** APScheduler's three defaults, with the default {@link RunPolicy}: at most once, no retries. */
    public JobDefaults(boolean coalesce, int maxInstances, Duration misfireGraceTime) {
        this(coalesce, maxInstances, misfireGraceTime, RunPolicy.DEFAULT);
    }

    public JobDefaults withCoalesce(boolean value) {
        return new JobDefaults(value, maxInstances, misfireGraceTime, runPolicy);
    }

    public JobDefaults withMaxInstances(int value) {
        return new JobDefaults(coalesce, value, misfireGraceTime, runPolicy);
    }

    public JobDefaults withMisfireGraceTime(Duration value) {
        return new JobDefaults(coalesce, maxInstances, value, runPolicy);
    }

    public JobDefaults withRunPolicy(RunPolicy value) {
        return new JobDefaults(coalesce, maxInstances, misfireGraceTime, value);
    }

    static int requireMaxInstances(int maxInstances) {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("max_instances must be at least 1 but was " + maxInstances);
        }
        return maxInstances;
    }

    static Duration requireGraceTime(Duration misfireGraceTime) {
        if (misfireGraceTime != null && (misfireGraceTime.isNegative() || misfireGraceTime.isZero())) {
            throw new IllegalArgumentException("misfire_grace_time must be positive (or null for no limit) but was "
                    + misfireGraceTime);
        }
        return misfireGraceTime;
    }
}
