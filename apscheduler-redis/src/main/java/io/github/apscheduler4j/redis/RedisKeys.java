package io.github.apscheduler4j.redis;

import java.util.List;

/**
 * Where a {@link RedisJobStore} keeps its data: keys that all start with one prefix ({@value #DEFAULT_PREFIX} unless
 * set), so that several stores share a Redis database and {@code <prefix>jobs} and {@code <prefix>run_times} are
 * APScheduler's own key names by default.
 *
 * <ul>
 *   <li>{@code <prefix>jobs}: a hash, job id to the job's JSON state as {@code JobCodec} writes it;
 *   <li>{@code <prefix>run_times}: a sorted set of the scheduled jobs' ids, scored by next run time (epoch
 *       milliseconds); a paused or quarantined job is not in it;
 *   <li>{@code <prefix>versions}: a hash, job id to the record's version, which every write compares and raises;
 *   <li>{@code <prefix>quarantined}: a hash, job id to why its record cannot be read back;
 *   <li>{@code <prefix>quarantined_run_times}: the next run times that quarantined records had in {@code run_times},
 *       kept as they were written;
 *   <li>{@code <prefix>claims}: a hash, job id to the last claim of it ({@code {"claimed_by": ..., "claimed_at": ...}});
 *   <li>{@code <prefix>reserved}: a sorted set of the due jobs an instance has read to claim, scored by when the
 *       reservation runs out (the server's clock, epoch milliseconds), so that instances claiming at once take
 *       disjoint batches;
 *   <li>{@code <prefix>runs}, {@code <prefix>run_states}, {@code <prefix>run_leases}: the run ledger, keyed by fire
 *       ({@code jobId@fireTime}): each run's holder, lease, attempt, phase and version as JSON; the job as claimed;
 *       the lease ends as a sorted set;
 *   <li>{@code <prefix>changes}: the pub/sub channel on which every add, update and removal is announced.
 * </ul>
 */
public record RedisKeys(String prefix) {

    public static final String DEFAULT_PREFIX = "apscheduler.";

    public RedisKeys {
        String problem = prefixProblem(prefix);
        if (problem != null) {
            throw new IllegalArgumentException("key prefix '" + prefix + "' " + problem);
        }
    }

    /** What is wrong with {@code prefix} as a key prefix, or {@code null}. */
    static String prefixProblem(String prefix) {
        return prefix == null || prefix.isBlank() || prefix.chars().anyMatch(Character::isWhitespace)
                ? "must be a Redis key prefix: not blank, without spaces" : null;
    }

    public String jobs() {
        return prefix + "jobs";
    }

    public String runTimes() {
        return prefix + "run_times";
    }

    public String versions() {
        return prefix + "versions";
    }

    public String quarantined() {
        return prefix + "quarantined";
    }

    public String quarantinedRunTimes() {
        return prefix + "quarantined_run_times";
    }

    public String claims() {
        return prefix + "claims";
    }

    public String reserved() {
        return prefix + "reserved";
    }

    public String runs() {
        return prefix + "runs";
    }

    public String runStates() {
        return prefix + "run_states";
    }

    public String runLeases() {
        return prefix + "run_leases";
    }

    public String changes() {
        return prefix + "changes";
    }

    /** The keys the job scripts take, in their order. */
    List<String> jobKeys() {
        return List.of(jobs(), runTimes(), versions(), quarantined());
    }

    /** The keys the quarantine script takes, in its order. */
    List<String> quarantineKeys() {
        return List.of(jobs(), runTimes(), versions(), quarantined(), quarantinedRunTimes());
    }

    /** The keys the claim script takes, in its order. */
    List<String> claimKeys() {
        return List.of(jobs(), runTimes(), versions(), quarantined(), claims(), runs(), runStates(), runLeases(),
                reserved());
    }

    /** The keys the reservation script takes, in its order. */
    List<String> reservationKeys() {
        return List.of(jobs(), runTimes(), versions(), quarantined(), reserved());
    }

    /** The keys the run ledger's scripts take, in their order. */
    List<String> runKeys() {
        return List.of(runs(), runStates(), runLeases());
    }

    /** Every key the store writes (the channel aside). */
    public List<String> all() {
        return List.of(jobs(), runTimes(), versions(), quarantined(), quarantinedRunTimes(), claims(), reserved(), runs(),
                runStates(), runLeases());
    }
}
