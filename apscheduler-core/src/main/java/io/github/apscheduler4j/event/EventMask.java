package io.github.apscheduler4j.event;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Which events a listener receives: APScheduler's {@code mask} ({@code EVENT_JOB_EXECUTED | EVENT_JOB_ERROR}). */
public record EventMask(Set<EventType> types) {

    public static final EventMask ALL = new EventMask(EnumSet.allOf(EventType.class));

    /** Every job execution outcome: executed, error, missed (APScheduler's {@code EVENT_JOB_EXECUTED | ...}). */
    public static final EventMask JOB_EXECUTION = of(EventType.JOB_EXECUTED, EventType.JOB_ERROR, EventType.JOB_MISSED);

    public EventMask {
        // an enum set: matching an event, which every run does for every listener, is one bit test
        types = Collections.unmodifiableSet(types.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(types));
    }

    public static EventMask of(EventType first, EventType... rest) {
        return new EventMask(EnumSet.of(first, rest));
    }

    /** The mask of APScheduler's numeric code, e.g. {@code 4096 | 8192}. */
    public static EventMask ofBits(int bits) {
        EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if ((bits & type.bit()) != 0) {
                types.add(type);
            }
        }
        return new EventMask(types);
    }

    /** APScheduler's numeric code of this mask: the bits of its types, or'ed. */
    public int bits() {
        int bits = 0;
        for (EventType type : types) {
            bits |= type.bit();
        }
        return bits;
    }

    public boolean matches(SchedulerEvent event) {
        return types.contains(event.type());
    }
}
