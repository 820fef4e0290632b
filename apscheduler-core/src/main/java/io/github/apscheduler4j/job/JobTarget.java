package io.github.apscheduler4j.job;

import java.util.Objects;

/**
 * What a job runs: a textual reference ({@code com.acme.Reports::nightly}, {@code com.acme.Nightly},
 * {@code bean:reportService.nightly}) and, once resolved, the function it names. A target made from a
 * lambda has a function but no reference: it can live in the memory store only, as with APScheduler.
 */
public final class JobTarget {

    private final String reference;
    private final JobFunction function;

    private JobTarget(String reference, JobFunction function) {
        this.reference = reference;
        this.function = function;
    }

    /** A target known by reference only, to be resolved by a {@link JobTargetResolver}. */
    public static JobTarget of(String reference) {
        return new JobTarget(requireReference(reference), null);
    }

    /** A target known by reference and already resolved. */
    public static JobTarget of(String reference, JobFunction function) {
        return new JobTarget(requireReference(reference), Objects.requireNonNull(function, "function"));
    }

    /** An in-process target with no textual reference: it cannot be persisted. */
    public static JobTarget of(JobFunction function) {
        return new JobTarget(null, Objects.requireNonNull(function, "function"));
    }

    private static String requireReference(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("job target reference must not be blank");
        }
        return reference.trim();
    }

    /** The textual reference, or {@code null} for an in-process function. */
    public String reference() {
        return reference;
    }

    /** The resolved function, or {@code null} when not resolved yet. */
    public JobFunction function() {
        return function;
    }

    public boolean isResolved() {
        return function != null;
    }

    /** A readable name for the target: the reference, or the function's class for in-process targets. */
    public String displayName() {
        return reference != null ? reference : function.getClass().getSimpleName();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JobTarget that)) {
            return false;
        }
        return reference != null ? reference.equals(that.reference) : function == that.function;
    }

    @Override
    public int hashCode() {
        return reference != null ? reference.hashCode() : System.identityHashCode(function);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
