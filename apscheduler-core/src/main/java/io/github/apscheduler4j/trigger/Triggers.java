package io.github.apscheduler4j.trigger;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds triggers from their APScheduler alias and keyword arguments, as {@code scheduler.add_job(func,
 * "interval", seconds=3)} does, and rebuilds persisted ones from {@link Trigger#type()} and
 * {@link Trigger#arguments()}.
 *
 * <p>Aliases: {@code date}, {@code interval}, {@code cron}, {@code calendarinterval}, {@code and},
 * {@code or}, and {@code crontab} (arguments {@code expr}, a 5-field crontab string, and optional
 * {@code timezone}), which builds a cron trigger. Every error is an {@link IllegalArgumentException}
 * naming the argument at fault.
 */
public final class Triggers {

    /** The known aliases, sorted. */
    public static final List<String> TYPES = List.of("and", "calendarinterval", "cron", "crontab", "date",
            "interval", "or");
    private static final Set<String> CRONTAB_ARGUMENTS = Set.of("expr", "timezone");

    private Triggers() {
    }

    /**
     * Builds the trigger of alias {@code type} from {@code args}.
     *
     * @param defaultZone the zone of triggers whose arguments choose none (the scheduler's zone); it is
     *     also passed to the triggers nested in {@code and} and {@code or}
     * @throws IllegalArgumentException for an unknown alias or invalid arguments
     */
    public static Trigger create(String type, Map<String, ?> args, ZoneId defaultZone) {
        return create(type, args, defaultZone, Clock.systemUTC());
    }

    /**
     * As {@link #create(String, Map, ZoneId)}, with the clock that gives "now" to triggers whose defaults
     * depend on it (an interval's start, a date trigger's run date): the scheduler's clock.
     */
    public static Trigger create(String type, Map<String, ?> args, ZoneId defaultZone, Clock clock) {
        if (type == null) {
            throw new IllegalArgumentException("No trigger type given; known triggers: " + String.join(", ", TYPES));
        }
        return switch (type) {
            case DateTrigger.TYPE -> DateTrigger.fromArgs(args, defaultZone, clock);
            case IntervalTrigger.TYPE -> IntervalTrigger.fromArgs(args, defaultZone, clock);
            case "cron" -> CronTrigger.fromArgs(args, defaultZone);
            case CalendarIntervalTrigger.TYPE -> CalendarIntervalTrigger.fromArgs(args, defaultZone, clock);
            case AndTrigger.TYPE -> AndTrigger.fromArgs(args, defaultZone, clock);
            case OrTrigger.TYPE -> OrTrigger.fromArgs(args, defaultZone, clock);
            case "crontab" -> crontab(args, defaultZone);
            default -> throw new IllegalArgumentException("No trigger by the name \"" + type
                    + "\" was found; known triggers: " + String.join(", ", TYPES));
        };
    }

    private static Trigger crontab(Map<String, ?> args, ZoneId defaultZone) {
        TriggerArguments arguments = TriggerArguments.of("crontab", args, CRONTAB_ARGUMENTS);
        Object expr = arguments.raw("expr");
        if (!(expr instanceof CharSequence)) {
            throw arguments.error("expr", expr, "must be a 5-field crontab string such as \"*/5 * * * *\"");
        }
        return CronTrigger.fromCrontab(expr.toString(), arguments.zone(defaultZone));
    }
}
