package io.github.apscheduler4j.scheduler;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The due jobs this instance skips because it cannot run them (a target class or bean it lacks, an executor it has
 * not configured), with the reason: its own trouble, reported here, while the stored jobs stay as they are for the
 * instances that can run them. Written by the processing pass, read from any thread.
 */
final class UnrunnableJobs {

    private record Trouble(String jobstore, String reason) {
    }

    private final Map<String, Trouble> byJobId = new ConcurrentHashMap<>();
    // the jobs reported during the pass over a store, so that those no longer due (removed, paused, fixed) drop out
    private final Set<String> seenThisPass = new HashSet<>();

    void beginPass() {
        seenThisPass.clear();
    }

    /** The longest reason kept: a reason may repeat what a row holds, and a row may hold megabytes. */
    static final int MAX_REASON_LENGTH = 1000;

    /** Records that the job is skipped; @return whether this is news (a new job or a new reason): log it then. */
    boolean report(String jobId, String jobstore, String reason) {
        seenThisPass.add(jobId);
        String kept = shorten(reason);
        Trouble previous = byJobId.put(jobId, new Trouble(jobstore, kept));
        return previous == null || !previous.reason().equals(kept);
    }

    /** The reason as kept and logged: at most {@link #MAX_REASON_LENGTH} characters. */
    static String shorten(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "...";
    }

    /** The job runs here now. */
    void clear(String jobId) {
        if (!byJobId.isEmpty()) {
            byJobId.remove(jobId);
        }
    }

    /**
     * Forgets the jobs of the store that the pass over it did not meet (not due now, run by another instance) and that
     * are gone or runnable here since; the others stay reported, and are not logged again when next met.
     */
    void endPass(String jobstore, Predicate<String> stillUnrunnable) {
        byJobId.entrySet().removeIf(entry -> entry.getValue().jobstore().equals(jobstore)
                && !seenThisPass.contains(entry.getKey()) && !stillUnrunnable.test(entry.getKey()));
    }

    /** The reason each job is skipped, by id. */
    Map<String, String> reasons() {
        Map<String, String> reasons = new TreeMap<>();
        byJobId.forEach((id, trouble) -> reasons.put(id, trouble.reason()));
        return Collections.unmodifiableMap(reasons);
    }
}
