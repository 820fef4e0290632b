package io.github.apscheduler4j.trigger;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * The arguments that a trigger of alias {@code type} reads from the clock when they are left out: an interval's and
     * a calendar interval's {@code start_date}, a date trigger's {@code run_date}.
     */
    public static Set<String> clockDefaultedArguments(String type) {
        return switch (type) {
            case IntervalTrigger.TYPE, CalendarIntervalTrigger.TYPE -> Set.of("start_date");
            case DateTrigger.TYPE -> Set.of("run_date");
            default -> Set.of();
        };
    }

    /**
     * The trigger that {@code args} built when {@code earlier} was made from them: as {@link #create}, but with
     * {@code earlier}'s values for the {@link #clockDefaultedArguments} that {@code args} leave out, in the triggers
     * nested in {@code and} and {@code or} too, and in the zone {@code args} give now (not the offset of such a value).
     * An interval declared without a start date so makes, at each start, the trigger its first start made, with the
     * same phase. What {@code args} leave out is read from the clock, as {@link #create} does, where {@code earlier} is
     * of another type.
     */
    public static Trigger createAsOf(String type, Map<String, ?> args, ZoneId defaultZone, Clock clock,
            Trigger earlier) {
        Trigger now = create(type, args, defaultZone, clock);
        if (!now.type().equals(earlier.type())) {
            return now;
        }
        return create(type, withClockDefaults(type, args, now.arguments(), earlier.arguments()), defaultZone, clock);
    }

    /**
     * {@code args} with {@code earlier}'s values for what they leave out and a trigger of {@code type} reads from the
     * clock; and then with the zone the trigger has {@code now}, since a value taken may carry an offset, which would
     * otherwise become the trigger's zone.
     */
    private static Map<String, Object> withClockDefaults(String type, Map<String, ?> args, Map<?, ?> now,
            Map<?, ?> earlier) {
        Map<String, Object> completed = new LinkedHashMap<>(args);
        for (String key : clockDefaultedArguments(type)) {
            if (!args.containsKey(key) && earlier.get(key) != null) {
                completed.put(key, earlier.get(key));
            }
        }
        if (completed.size() > args.size() && !args.containsKey("timezone") && now.get("timezone") != null) {
            completed.put("timezone", now.get("timezone"));
        }
        if (args.get("triggers") instanceof List<?> nested && now.get("triggers") instanceof List<?> nestedNow
                && earlier.get("triggers") instanceof List<?> nestedEarlier && nested.size() == nestedNow.size()
                && nested.size() == nestedEarlier.size()) {
            List<Object> elements = new ArrayList<>(nested.size());
            for (int i = 0; i < nested.size(); i++) {
                elements.add(nestedWithClockDefaults(nested.get(i), nestedNow.get(i), nestedEarlier.get(i)));
            }
            completed.put("triggers", elements);
        }
        return completed;
    }

    /**
     * A nested {@code {"type": ..., "args": {...}}} element completed as {@link #withClockDefaults} completes a trigger's
     * arguments, when the earlier trigger had one of the same type there; any other element as given.
     */
    @SuppressWarnings("unchecked")
    private static Object nestedWithClockDefaults(Object element, Object now, Object earlier) {
        if (!(element instanceof Map<?, ?> map) || !(map.get("type") instanceof String type)
                || !(now instanceof Map<?, ?> nowMap) || !(nowMap.get("args") instanceof Map<?, ?> nowArgs)
                || !(earlier instanceof Map<?, ?> earlierMap) || !type.equals(earlierMap.get("type"))
                || !(earlierMap.get("args") instanceof Map<?, ?> earlierArgs)) {
            return element;
        }
        Object args = map.get("args");
        if (args != null && !(args instanceof Map)) {
            return element; // the trigger's own check names what is wrong with it
        }
        Map<Object, Object> completed = new LinkedHashMap<>(map);
        completed.put("args", withClockDefaults(type, args == null ? Map.of() : (Map<String, ?>) args, nowArgs,
                earlierArgs));
        return completed;
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
