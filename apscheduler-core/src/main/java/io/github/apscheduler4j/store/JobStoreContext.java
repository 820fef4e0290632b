package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.JobTargetResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneId;

/**
 * What a store is given when a scheduler starts it.
 *
 * @param alias the name the scheduler knows the store by
 * @param targetResolver resolves the target references of jobs a persistent store reads back
 * @param timezone the scheduler's zone, for triggers stored without one
 * @param clock the scheduler's clock
 * @param instanceId the scheduler's instance id, which a shared store records with each run it claims
 * @param wakeup makes the scheduler look at its stores now: a store that learns of changes made elsewhere
 *     (PostgreSQL's NOTIFY) calls it
 */
public record JobStoreContext(String alias, JobTargetResolver targetResolver, ZoneId timezone, Clock clock,
        String instanceId, Runnable wakeup) {

    /** The resolver is kept {@link JobTargetResolver#remembering() remembering}: a store reads the same targets back often. */
    public JobStoreContext {
        targetResolver = targetResolver.remembering();
    }

    /** A context for a store used outside a scheduler, or by one instance alone. */
    public JobStoreContext(String alias, JobTargetResolver targetResolver, ZoneId timezone, Clock clock) {
        this(alias, targetResolver, timezone, clock, defaultInstanceId(), () -> {
        });
    }

    /** The host name and process id: {@code web-1:4242}. */
    public static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
