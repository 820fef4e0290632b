package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.executor.JobExecutor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How many due runs one pass may claim from a shared store, per executor: the workers it has free now plus its
 * {@linkplain JobExecutor#prefetch() prefetch}, less what already waits in its queue, so that a busy instance leaves due runs to idle ones instead of claiming a whole burst and queueing it. An
 * executor with no fixed number of workers is not limited. Made for one pass; not thread safe.
 */
final class ClaimBudget {

    /** Rows read beyond the budget, for due jobs that this instance skips (it cannot run them). */
    private static final int READ_MARGIN = 16;

    private final Map<JobExecutor, Integer> left = new IdentityHashMap<>();
    private boolean exhausted;

    /** @param executors this scheduler's executors, whose free workers make the budget */
    ClaimBudget(Iterable<JobExecutor> executors) {
        for (JobExecutor executor : executors) {
            left.put(executor, slots(executor));
        }
    }

    private static int slots(JobExecutor executor) {
        int free = executor.freeSlots();
        int prefetch = executor.prefetch();
        return free == Integer.MAX_VALUE || prefetch == Integer.MAX_VALUE ? Integer.MAX_VALUE
                : (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1, (long) free + prefetch));
    }

    /** How many due jobs to read: enough for every executor's budget, with a margin. */
    int rowsToRead() {
        long sum = READ_MARGIN;
        for (int slots : left.values()) {
            sum += slots;
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    /** Takes one claim of the executor's budget; {@code false} (and noted) when none is left. */
    boolean take(JobExecutor executor) {
        int slots = left.computeIfAbsent(executor, ClaimBudget::slots);
        if (slots == Integer.MAX_VALUE) {
            return true;
        }
        if (slots <= 0) {
            exhausted = true;
            return false;
        }
        left.put(executor, slots - 1);
        return true;
    }

    /** Whether a due job was left for want of workers: the next pass comes when a run ends. */
    boolean exhausted() {
        return exhausted;
    }
}
