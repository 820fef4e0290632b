package io.github.apscheduler4j.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Fires only at the times when all of its triggers fire: APScheduler's {@code AndTrigger}.
 *
 * <p>Each trigger is asked for its next fire time with the given previous fire time and now. While
 * they disagree, every trigger behind the latest of them is asked again for its first fire time at or
 * after that latest time, until all agree (that time is returned) or one is finished (then so is this
 * trigger). Triggers that never coincide therefore run until one of them is exhausted, as in
 * APScheduler; cron triggers are exhausted after the year 9999. To always return, the search gives up
 * (returns {@code null}) after {@value #MAX_ROUNDS} rounds.
 *
 * <p>APScheduler asks every trigger again with the original previous fire time, which makes a cron
 * trigger repeat the same answer forever once a previous fire time is given; asking the laggards
 * for their first fire time at or after the latest candidate avoids that and still honours the
 * previous fire time, since the candidates only move forward from after it.
 *
 * <p>Keyword arguments: {@code triggers} (a non-empty list of {@code {"type": alias, "args": {...}}}
 * maps, each built through {@link Triggers#create} with the same default zone) and {@code jitter}.
 */
public final class AndTrigger extends CombiningTrigger {

    static final String TYPE = "and";
    static final int MAX_ROUNDS = 100_000;
    // how many fire times a trigger that ignores "now" (date, calendar interval) may be stepped through
    private static final int MAX_CATCH_UP_STEPS = 100_000;

    public AndTrigger(List<? extends Trigger> triggers) {
        this(triggers, null);
    }

    /** @param jitter the maximum random delay added to each fire time, or {@code null} for none */
    public AndTrigger(List<? extends Trigger> triggers, Duration jitter) {
        super(TYPE, triggers, jitter);
    }

    /** Builds the trigger from APScheduler-style keyword arguments. */
    public static AndTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone) {
        return fromArgs(args, defaultZone, Clock.systemUTC());
    }

    /** As {@link #fromArgs(Map, ZoneId)}, building the nested triggers with {@code clock}. */
    public static AndTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone, Clock clock) {
        return create(TYPE, args, defaultZone, clock, AndTrigger::new);
    }

    @Override
    public ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        ZonedDateTime[] fireTimes = new ZonedDateTime[triggers.size()];
        for (int i = 0; i < fireTimes.length; i++) {
            fireTimes[i] = triggers.get(i).nextFireTime(previousFireTime, now);
            if (fireTimes[i] == null) {
                return null;
            }
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ZonedDateTime latest = latest(fireTimes);
            boolean agreed = true;
            for (int i = 0; i < fireTimes.length; i++) {
                if (fireTimes[i].isBefore(latest)) {
                    agreed = false;
                    fireTimes[i] = firstAtOrAfter(triggers.get(i), latest);
                    if (fireTimes[i] == null) {
                        return null;
                    }
                }
            }
            if (agreed) {
                return Jitter.apply(fireTimes[0], jitter, now);
            }
        }
        return null;
    }

    private static ZonedDateTime latest(ZonedDateTime[] fireTimes) {
        ZonedDateTime latest = fireTimes[0];
        for (ZonedDateTime fireTime : fireTimes) {
            if (fireTime.isAfter(latest)) {
                latest = fireTime;
            }
        }
        return latest;
    }

    /**
     * The trigger's first fire time at or after {@code time}. Most triggers answer that directly when
     * asked without a previous fire time; date and calendar-interval triggers answer their first fire
     * time whatever the current time, so they are stepped forward from it.
     */
    private static ZonedDateTime firstAtOrAfter(Trigger trigger, ZonedDateTime time) {
        ZonedDateTime next = trigger.nextFireTime(null, time);
        for (int step = 0; next != null && next.isBefore(time); step++) {
            if (step == MAX_CATCH_UP_STEPS) {
                return null;
            }
            ZonedDateTime following = trigger.nextFireTime(next, time);
            // a trigger that does not move forward would otherwise be asked forever
            next = following == null || following.isAfter(next) ? following : null;
        }
        return next;
    }
}
