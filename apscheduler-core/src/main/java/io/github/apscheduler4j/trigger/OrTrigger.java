package io.github.apscheduler4j.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Fires whenever any of its triggers fires: APScheduler's {@code OrTrigger}.
 *
 * <p>The next fire time is the earliest of the triggers' next fire times, each asked with the same
 * previous fire time and now; it is finished once all of them are. Jitter, when set, delays the
 * result by up to that much, never to before now.
 *
 * <p>Keyword arguments: {@code triggers} (a non-empty list of {@code {"type": alias, "args": {...}}}
 * maps, each built through {@link Triggers#create} with the same default zone) and {@code jitter}.
 */
public final class OrTrigger extends CombiningTrigger {

    static final String TYPE = "or";

    public OrTrigger(List<? extends Trigger> triggers) {
        this(triggers, null);
    }

    /** @param jitter the maximum random delay added to each fire time, or {@code null} for none */
    public OrTrigger(List<? extends Trigger> triggers, Duration jitter) {
        super(TYPE, triggers, jitter);
    }

    /** Builds the trigger from APScheduler-style keyword arguments. */
    public static OrTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone) {
        return fromArgs(args, defaultZone, Clock.systemUTC());
    }

    /** As {@link #fromArgs(Map, ZoneId)}, building the nested triggers with {@code clock}. */
    public static OrTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone, Clock clock) {
        return create(TYPE, args, defaultZone, clock, OrTrigger::new);
    }

    @Override
    public ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        ZonedDateTime earliest = null;
        for (Trigger trigger : triggers) {
            ZonedDateTime next = trigger.nextFireTime(previousFireTime, now);
            if (next != null && (earliest == null || next.isBefore(earliest))) {
                earliest = next;
            }
        }
        return Jitter.apply(earliest, jitter, now);
    }
}
