package io.github.apscheduler4j.test;

import java.time.Instant;
import java.util.Objects;

/**
 * Which scheduler instance last claimed a run of a job in a shared store, and when: what a shared store records with
 * each claim it lets win, as a test reads it from the store's own storage ({@link SharedJobStoreContract#readClaim}).
 *
 * @param instanceId the claiming scheduler's instance id
 * @param claimedAt when it claimed the run, by its clock (millisecond precision)
 */
public record RecordedClaim(String instanceId, Instant claimedAt) {

    public RecordedClaim {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }
}
