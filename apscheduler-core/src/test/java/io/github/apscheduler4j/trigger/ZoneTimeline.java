package io.github.apscheduler4j.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A zone's offsets as plain data: every transition from 1900 to 2100, read once from the JDK's tz database. The
 * brute-force references map wall times to instants with it by trying each offset the zone uses, and so never ask
 * {@link ZoneRules} how to resolve a gap or an overlap, as the code under test does.
 */
final class ZoneTimeline {

    /** A change of offset at {@code instant} (epoch seconds), offsets in seconds. */
    record Transition(long instant, int before, int after) {

        /** Seconds of wall time skipped (positive: a gap) or repeated (negative: an overlap). */
        int shift() {
            return after - before;
        }
    }

    static final long DAY = 86_400;
    // no offset is more than 18 hours from UTC, so the instants of a wall time lie within this of it
    private static final long MAX_OFFSET = 18 * 3600;
    private static final long FIRST = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("2101-01-01T00:00:00Z").getEpochSecond();
    private static final Map<ZoneId, ZoneTimeline> CACHE = new ConcurrentHashMap<>();

    final ZoneId zone;
    private final long[] instants;
    private final int[] before;
    private final int[] after;
    private final int initialOffset;

    private ZoneTimeline(ZoneId zone) {
        this.zone = zone;
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> found = new ArrayList<>();
        ZoneOffsetTransition transition = rules.nextTransition(Instant.ofEpochSecond(FIRST));
        while (transition != null && transition.toEpochSecond() < LAST) {
            found.add(transition);
            transition = rules.nextTransition(transition.getInstant());
        }
        instants = new long[found.size()];
        before = new int[found.size()];
        after = new int[found.size()];
        for (int i = 0; i < found.size(); i++) {
            instants[i] = found.get(i).toEpochSecond();
            before[i] = found.get(i).getOffsetBefore().getTotalSeconds();
            after[i] = found.get(i).getOffsetAfter().getTotalSeconds();
        }
        initialOffset = found.isEmpty() ? rules.getOffset(Instant.ofEpochSecond(FIRST)).getTotalSeconds() : before[0];
    }

    static ZoneTimeline of(ZoneId zone) {
        return CACHE.computeIfAbsent(zone, ZoneTimeline::new);
    }

    /** The transitions at instants in [{@code from}, {@code to}). */
    List<Transition> transitions(long from, long to) {
        List<Transition> result = new ArrayList<>();
        for (int i = firstAtOrAfter(from); i < instants.length && instants[i] < to; i++) {
            result.add(new Transition(instants[i], before[i], after[i]));
        }
        return result;
    }

    /** The offset in force at the instant (epoch seconds). */
    int offsetAt(long instant) {
        int i = firstAtOrAfter(instant + 1) - 1;
        return i < 0 ? initialOffset : after[i];
    }

    /** The wall time read at the instant, as seconds since 1970-01-01T00:00 counted as if at offset zero. */
    long wallAt(long instant) {
        return instant + offsetAt(instant);
    }

    int minOffset(long from, long to) {
        int min = offsetAt(from);
        for (int i = firstAtOrAfter(from); i < instants.length && instants[i] <= to; i++) {
            min = Math.min(min, after[i]);
        }
        return min;
    }

    int maxOffset(long from, long to) {
        int max = offsetAt(from);
        for (int i = firstAtOrAfter(from); i < instants.length && instants[i] <= to; i++) {
            max = Math.max(max, after[i]);
        }
        return max;
    }

    /**
     * The instants whose wall time is {@code wall}, ascending: one normally, two (or more) where clocks went back;
     * where none reads it (clocks went forward), the instant the offset before that transition gives.
     */
    long[] instantsOf(long wall) {
        long[] offsets = offsetsBetween(wall - MAX_OFFSET - DAY, wall + MAX_OFFSET + DAY);
        long[] real = new long[offsets.length];
        int count = 0;
        for (long offset : offsets) {
            long instant = wall - offset;
            if (offsetAt(instant) == offset) {
                real[count++] = instant;
            }
        }
        if (count > 0) {
            long[] result = Arrays.copyOf(real, count);
            Arrays.sort(result);
            return result;
        }
        for (int i = firstAtOrAfter(wall - MAX_OFFSET - DAY); i < instants.length
                && instants[i] <= wall + MAX_OFFSET + DAY; i++) {
            if (after[i] > before[i] && instants[i] + before[i] <= wall && wall < instants[i] + after[i]) {
                return new long[] {wall - before[i]};
            }
        }
        throw new IllegalStateException("no instant reads wall time " + wall + " in " + zone + " and no gap holds it");
    }

    /** The distinct offsets in force at some instant of [{@code from}, {@code to}]. */
    long[] offsetsBetween(long from, long to) {
        long[] offsets = new long[8];
        int count = 0;
        offsets[count++] = offsetAt(from);
        for (int i = firstAtOrAfter(from); i < instants.length && instants[i] <= to; i++) {
            boolean seen = false;
            for (int j = 0; j < count; j++) {
                seen |= offsets[j] == after[i];
            }
            if (!seen) {
                if (count == offsets.length) {
                    offsets = Arrays.copyOf(offsets, count * 2);
                }
                offsets[count++] = after[i];
            }
        }
        return Arrays.copyOf(offsets, count);
    }

    /** The index of the first transition at or after the instant. */
    private int firstAtOrAfter(long instant) {
        int i = Arrays.binarySearch(instants, instant);
        return i >= 0 ? i : -i - 1;
    }
}
