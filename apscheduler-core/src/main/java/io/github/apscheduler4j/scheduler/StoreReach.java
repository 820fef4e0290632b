package io.github.apscheduler4j.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when the heartbeat has reached each store without a failure. A store never lost counts as reached since
 * ever: an instance that starts may recover a dead instance's runs at once, as may one that never lost the store while
 * another did.
 */
final class StoreReach {

    private final Duration lease;
    // stores lost at the last try (Instant.MAX), or reached again since the instant given
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    StoreReach(Duration lease) {
        this.lease = lease;
    }

    /** The store answered at {@code now}. */
    void reached(String alias, Instant now) {
        since.computeIfPresent(alias, (key, from) -> from.equals(Instant.MAX) ? now : from);
    }

    /** The store did not answer. */
    void lost(String alias) {
        since.put(alias, Instant.MAX);
    }

    /** Whether the store has answered every try for at least a lease, up to {@code now}. */
    boolean reachedForALease(String alias, Instant now) {
        Instant from = since.get(alias);
        return from == null || (!from.equals(Instant.MAX) && !now.isBefore(from.plus(lease)));
    }
}
