package io.github.apscheduler4j.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RunLedger} in memory: the memory store's, and the one the scheduler keeps for a store that has none. Its
 * runs live as long as the process, as the memory store's jobs do; what it gives such a store is retries.
 */
public final class MemoryRunLedger implements RunLedger {

    private static final Comparator<ClaimedRun> BY_FIRE = Comparator.comparing(ClaimedRun::fireTime)
            .thenComparing(ClaimedRun::jobId);

    private final Map<String, ClaimedRun> runs = new LinkedHashMap<>();

    @Override
    public synchronized void record(List<ClaimedRun> claimed) {
        for (ClaimedRun run : claimed) {
            runs.put(run.fireId(), run);
        }
    }

    @Override
    public synchronized void renew(String instanceId, Collection<ClaimedRun> held, Instant leaseEnd) {
        for (ClaimedRun run : held) {
            ClaimedRun stored = runs.get(run.fireId());
            if (stored != null && stored.phase() == ClaimedRun.Phase.RUNNING && instanceId.equals(stored.instanceId())) {
                runs.put(run.fireId(), stored.moved(ClaimedRun.Phase.RUNNING, instanceId, leaseEnd, stored.attempt()));
            }
        }
    }

    @Override
    public synchronized void expireLeases(String instanceId, Instant now) {
        runs.replaceAll((key, run) -> run.phase() == ClaimedRun.Phase.RUNNING && instanceId.equals(run.instanceId())
                && run.leaseEnd().isAfter(now) ? run.moved(ClaimedRun.Phase.RUNNING, instanceId, now, run.attempt()) : run);
    }

    @Override
    public synchronized void end(ClaimedRun run) {
        ClaimedRun stored = runs.get(run.fireId());
        if (stored != null && run.instanceId() != null && run.instanceId().equals(stored.instanceId())) {
            runs.remove(run.fireId());
        }
    }

    @Override
    public synchronized boolean release(ClaimedRun run, ClaimedRun.Phase phase, int attempt, Instant from) {
        ClaimedRun stored = runs.get(run.fireId());
        if (stored == null || run.instanceId() == null || !run.instanceId().equals(stored.instanceId())) {
            return false;
        }
        runs.put(run.fireId(), stored.moved(phase, null, from, attempt));
        return true;
    }

    @Override
    public synchronized List<ClaimedRun> upForGrabs(Instant now, int limit) {
        return runs.values().stream().filter(run -> run.isUpForGrabs(now)).sorted(BY_FIRE).limit(limit).toList();
    }

    @Override
    public synchronized ClaimedRun takeOver(ClaimedRun seen, String instanceId, int attempt, Instant leaseEnd) {
        ClaimedRun stored = runs.get(seen.fireId());
        if (stored == null || stored.version() != seen.version()) {
            return null;
        }
        ClaimedRun taken = stored.moved(ClaimedRun.Phase.RUNNING, instanceId, leaseEnd, attempt);
        runs.put(seen.fireId(), taken);
        return taken;
    }

    @Override
    public synchronized List<ClaimedRun> all() {
        List<ClaimedRun> all = new ArrayList<>(runs.values());
        all.sort(BY_FIRE);
        return all;
    }
}
