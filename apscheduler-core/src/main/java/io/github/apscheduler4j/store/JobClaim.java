package io.github.apscheduler4j.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Which scheduler instance last claimed a run of a job in a shared store, and when: what a shared store records
 * with each {@link JobStore#advanceJob advance} it lets win. Not part of the {@link JobStore} SPI; the shared
 * stores (JDBC, MongoDB) give it through their own {@code claimOf(id)}.
 *
 * @param instanceId the claiming scheduler's {@link JobStoreContext#instanceId() instance id}
 * @param claimedAt when it claimed the run, by its clock (millisecond precision)
 */
public record JobClaim(String instanceId, Instant claimedAt) {

    public JobClaim {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }
}
