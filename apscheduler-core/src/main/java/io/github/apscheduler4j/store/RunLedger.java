package io.github.apscheduler4j.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A store's record of the fires claimed and not yet ended ({@link ClaimedRun}), with their leases: what lets a fire
 * end visibly when the instance running it dies, and a failed run be retried on any instance. A store shared by
 * several instances writes a claim's run in the claim's own write (one transaction, or one document), so that no
 * claimed fire can exist without its run; every other write here is a compare-and-set on the run's version or on its
 * holder.
 *
 * <p>Implementations are thread safe.
 */
public interface RunLedger {

    /** Records runs claimed in a store that does not record them in the claim itself (an in-memory store). */
    void record(List<ClaimedRun> runs);

    /**
     * Moves the lease end of each of {@code runs} that {@code instanceId} still holds as {@link ClaimedRun.Phase#RUNNING}
     * to {@code leaseEnd}, found by job id and fire time, even when its lease ran out meanwhile (the store was out of
     * reach for longer than a lease): no instance took it over, since a take-over makes another instance its holder. A
     * run that another instance took over, or that ended or moved, is left as it is. Renewing by run rather than by
     * instance keeps a process from renewing what an earlier process under the same instance id left.
     */
    void renew(String instanceId, Collection<ClaimedRun> runs, Instant leaseEnd);

    /**
     * Ends at {@code now} the lease of every {@link ClaimedRun.Phase#RUNNING} run that {@code instanceId} holds and
     * whose lease runs on past it: an earlier process under this instance id died holding them, and a live instance
     * may take them over at once.
     */
    void expireLeases(String instanceId, Instant now);

    /** Removes the run: it ended with an outcome. Only while {@code run.instanceId()} holds it. */
    void end(ClaimedRun run);

    /**
     * Moves a run its holder no longer runs to a waiting phase ({@link ClaimedRun.Phase#RETRY_DUE} or
     * {@link ClaimedRun.Phase#HANDED_BACK}), for any instance to take from {@code from} on, at {@code attempt}.
     *
     * @return whether it was still held by {@code run.instanceId()} and so moved
     */
    boolean release(ClaimedRun run, ClaimedRun.Phase phase, int attempt, Instant from);

    /** The runs that a live instance may take over at {@code now} (see {@link ClaimedRun#isUpForGrabs}), oldest first. */
    List<ClaimedRun> upForGrabs(Instant now, int limit);

    /**
     * Takes a run over for {@code instanceId}, as {@link ClaimedRun.Phase#RUNNING} at {@code attempt} with a lease
     * until {@code leaseEnd}, if it still has {@code seen}'s version: of several instances, one wins.
     *
     * @return the run as taken over, or {@code null} when another instance took or changed it first
     */
    ClaimedRun takeOver(ClaimedRun seen, String instanceId, int attempt, Instant leaseEnd);

    /** Every run, oldest fire first: what the endpoint shows and tests count. */
    List<ClaimedRun> all();
}
