package io.github.apscheduler4j.trigger;

import java.util.List;

/**
 * A brute-force answer to "when does this trigger fire", for the property tests that hold the triggers' fast searches
 * to the rules of the conformance README: a trigger fires at every instant whose wall-clock time matches; a wall
 * time that does not exist fires at the instant the offset before the transition gives; one that occurs twice fires
 * at both instants; no fire is lost or duplicated. Instants are epoch seconds.
 */
interface WallClockReference {

    long NONE = Long.MIN_VALUE;

    /** The first fire at or after {@code from} and before {@code until}, or {@link #NONE}. */
    long next(long from, long until);

    /** Whether the trigger fires at the instant. */
    boolean firesAt(long instant);

    /** Fires whenever any of the references fires. */
    static WallClockReference or(List<WallClockReference> references) {
        return new WallClockReference() {
            @Override
            public long next(long from, long until) {
                long earliest = NONE;
                for (WallClockReference reference : references) {
                    long next = reference.next(from, until);
                    if (next != NONE && (earliest == NONE || next < earliest)) {
                        earliest = next;
                    }
                }
                return earliest;
            }

            @Override
            public boolean firesAt(long instant) {
                return references.stream().anyMatch(reference -> reference.firesAt(instant));
            }
        };
    }

    /** Fires whenever all of the references fire: the first one's fires, kept where every other one fires too. */
    static WallClockReference and(List<WallClockReference> references) {
        return new WallClockReference() {
            @Override
            public long next(long from, long until) {
                for (long next = references.get(0).next(from, until); next != NONE;
                        next = references.get(0).next(next + 1, until)) {
                    if (firesAt(next)) {
                        return next;
                    }
                }
                return NONE;
            }

            @Override
            public boolean firesAt(long instant) {
                return references.stream().allMatch(reference -> reference.firesAt(instant));
            }
        };
    }
}
