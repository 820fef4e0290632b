package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.JobTargetResolver;
import java.time.Clock;
import java.time.ZoneId;

/**
 * What a store is given when a scheduler starts it.
 *
 * @param alias the name the scheduler knows the store by
 * @param targetResolver resolves the target references of jobs a persistent store reads back
 * @param timezone the scheduler's zone, for triggers stored without one
 * @param clock the scheduler's clock
 */
public record JobStoreContext(String alias, JobTargetResolver targetResolver, ZoneId timezone, Clock clock) {
}
