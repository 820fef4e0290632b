package io.github.apscheduler4j.job;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How a job's fire is carried through trouble: what a live instance does when the instance running it died
 * ({@link Recovery}), and how often a run that failed is tried again ({@code retries}), after a backoff that doubles
 * with each attempt, with jitter.
 *
 * @param recovery what happens to a fire whose instance died while running it
 * @param retries how many times a failed run is tried again (0: never)
 * @param retryBackoff the wait before the first retry; each later one waits twice as long as the one before, at most
 *     {@link #MAX_BACKOFF}, and each wait is drawn between half of it and all of it (jitter), so that the retries of
 *     many jobs failing at once do not come at once
 */
public record RunPolicy(Recovery recovery, int retries, Duration retryBackoff) {

    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(10);
    /** The longest wait before a retry. */
    public static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** At-most-once, no retries: APScheduler's. */
    public static final RunPolicy DEFAULT = new RunPolicy(Recovery.NONE, 0, DEFAULT_RETRY_BACKOFF);

    public RunPolicy {
        Objects.requireNonNull(recovery, "recovery");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be at least 0 but was " + retries);
        }
        if (retryBackoff == null || retryBackoff.isNegative() || retryBackoff.isZero()) {
            throw new IllegalArgumentException("retry_backoff must be positive but was " + retryBackoff);
        }
    }

    public RunPolicy withRecovery(Recovery value) {
        return new RunPolicy(value, retries, retryBackoff);
    }

    public RunPolicy withRetries(int value) {
        return new RunPolicy(recovery, value, retryBackoff);
    }

    public RunPolicy withRetryBackoff(Duration value) {
        return new RunPolicy(recovery, retries, value);
    }

    /** Whether a run that failed on {@code attempt} (from 1) is tried again. */
    public boolean retriesAfter(int attempt) {
        return attempt <= retries;
    }

    /**
     * The wait before the retry that follows the failed {@code attempt} (from 1).
     *
     * @param random draws from [0, 1): the jitter
     */
    public Duration backoff(int attempt, DoubleSupplier random) {
        long base = retryBackoff.toMillis();
        int doublings = Math.min(attempt - 1, 30);
        long full = Math.min(MAX_BACKOFF.toMillis(), base > MAX_BACKOFF.toMillis() >> doublings ? MAX_BACKOFF.toMillis()
                : base << doublings);
        return Duration.ofMillis(full / 2 + (long) (random.getAsDouble() * (full - full / 2)));
    }
}
