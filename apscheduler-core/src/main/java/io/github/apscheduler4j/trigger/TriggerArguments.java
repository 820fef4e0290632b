package io.github.apscheduler4j.trigger;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a trigger's keyword arguments as APScheduler's constructors do: numbers or numeric strings,
 * dates as java.time values or ISO-8601 strings (with an offset, naive in the trigger's zone, or
 * date only), zones as {@link ZoneId} or names. Every error names the trigger, the argument and the
 * value at fault.
 */
public final class TriggerArguments {

    private final String trigger;
    private final Map<String, ?> args;

    private TriggerArguments(String trigger, Map<String, ?> args) {
        this.trigger = trigger;
        this.args = args == null ? Map.of() : args;
    }

    /** Wraps {@code args} of the trigger type {@code trigger}, refusing any key not in {@code known}. */
    public static TriggerArguments of(String trigger, Map<String, ?> args, Set<String> known) {
        TriggerArguments arguments = new TriggerArguments(trigger, args);
        for (String key : arguments.args.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(trigger + " trigger: unknown argument '" + key
                        + "'; known arguments are " + new TreeSet<>(known));
            }
        }
        return arguments;
    }

    public boolean has(String key) {
        return args.get(key) != null;
    }

    public Object raw(String key) {
        return args.get(key);
    }

    /**
     * The trigger's zone, chosen as APScheduler does: {@code timezone}, else the zone of an
     * offset-carrying {@code start_date}, else that of {@code end_date}, else {@code defaultZone}.
     */
    public ZoneId zone(ZoneId defaultZone) {
        Object value = args.get("timezone");
        if (value != null) {
            return toZone("timezone", value);
        }
        for (String key : new String[] {"start_date", "end_date"}) {
            ZoneId zone = explicitZoneOf(args.get(key));
            if (zone != null) {
                return zone;
            }
        }
        return defaultZone != null ? defaultZone : ZoneId.systemDefault();
    }

    private ZoneId toZone(String key, Object value) {
        if (value instanceof ZoneId zone) {
            return zone;
        }
        try {
            return ZoneId.of(value.toString().trim());
        } catch (DateTimeException e) {
            throw error(key, value, "is not a known time zone");
        }
    }

    private static ZoneId explicitZoneOf(Object value) {
        if (value instanceof ZonedDateTime zoned) {
            return zoned.getZone();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.getOffset();
        }
        if (value instanceof CharSequence text) {
            try {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(normalize(text.toString()),
                        ZonedDateTime::from, LocalDateTime::from);
                return parsed instanceof ZonedDateTime zoned ? zoned.getZone() : null;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** A date-time argument in {@code zone}, or {@code null} when absent. Naive values are local to {@code zone}. */
    public ZonedDateTime dateTime(String key, ZoneId zone) {
        Object value = args.get(key);
        return value == null ? null : toDateTime(key, value, zone);
    }

    /** Converts one date-time value as APScheduler's {@code convert_to_datetime} does. */
    public ZonedDateTime toDateTime(String key, Object value, ZoneId zone) {
        if (value instanceof ZonedDateTime zoned) {
            return zoned.withZoneSameInstant(zone);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(zone);
        }
        if (value instanceof Instant instant) {
            return instant.atZone(zone);
        }
        if (value instanceof LocalDateTime local) {
            return ZonedDateTime.of(local, zone);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(zone);
        }
        if (value instanceof CharSequence text) {
            String normalized = normalize(text.toString());
            try {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(normalized,
                        ZonedDateTime::from, LocalDateTime::from);
                return parsed instanceof ZonedDateTime zoned
                        ? zoned.withZoneSameInstant(zone)
                        : ZonedDateTime.of((LocalDateTime) parsed, zone);
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(normalized).atStartOfDay(zone);
                } catch (DateTimeParseException notADate) {
                    throw error(key, value, "is not an ISO-8601 date or date-time");
                }
            }
        }
        throw error(key, value, "is not a date or date-time");
    }

    private static String normalize(String text) {
        String trimmed = text.trim();
        // APScheduler accepts "2026-11-22 11:01:22" as well as the 'T' form, and a trailing Z
        if (trimmed.length() > 10 && trimmed.charAt(10) == ' ') {
            trimmed = trimmed.substring(0, 10) + 'T' + trimmed.substring(11);
        }
        return trimmed;
    }

    /** A number of any unit (weeks, days, seconds...), possibly fractional; {@code 0} when absent. */
    public double number(String key) {
        Object value = args.get(key);
        if (value == null) {
            return 0;
        }
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else {
            try {
                number = Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                throw error(key, value, "is not a number");
            }
        }
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw error(key, value, "is not a finite number");
        }
        return number;
    }

    /** A whole number; {@code defaultValue} when absent. */
    public int integer(String key, int defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        double number = number(key);
        if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
            throw error(key, args.get(key), "is not a whole number");
        }
        return (int) number;
    }

    /** The {@code jitter} argument: seconds (a number) or an ISO-8601 duration; {@code null} when absent. */
    public Duration jitter() {
        Object value = args.get("jitter");
        if (value == null) {
            return null;
        }
        if (value instanceof Duration duration) {
            return requireJitter(value, duration);
        }
        if (value instanceof CharSequence text && text.toString().trim().toUpperCase().startsWith("P")) {
            Duration parsed;
            try {
                parsed = Duration.parse(text.toString().trim());
            } catch (DateTimeParseException e) {
                throw error("jitter", value, "is not an ISO-8601 duration");
            }
            return requireJitter(value, parsed);
        }
        double seconds = number("jitter");
        if (!(seconds >= 0 && seconds <= MAX_JITTER.getSeconds())) {
            throw error("jitter", value, "must be from 0 to " + MAX_JITTER.getSeconds() + " seconds");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** The largest jitter: a random delay up to it, in nanoseconds, must fit a long with room to add. */
    static final Duration MAX_JITTER = Duration.ofDays(366);

    private Duration requireJitter(Object value, Duration jitter) {
        if (jitter.isNegative()) {
            throw error("jitter", value, "must not be negative");
        }
        if (jitter.compareTo(MAX_JITTER) > 0) {
            throw error("jitter", value, "must be from 0 to " + MAX_JITTER.getSeconds() + " seconds");
        }
        return jitter;
    }

    public IllegalArgumentException error(String key, Object value, String problem) {
        return new IllegalArgumentException(trigger + " trigger argument '" + key + "': value '" + shown(value) + "' "
                + problem);
    }

    // a stored row or a request may hold megabytes in an argument: a message repeats its start only
    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    /** Formats a date-time for {@link Trigger#arguments()}: ISO-8601 with its offset. */
    public static String format(ZonedDateTime dateTime) {
        return dateTime == null ? null : dateTime.toOffsetDateTime().toString();
    }

    /** Puts the common optional arguments into a trigger's {@link Trigger#arguments()} map. */
    public static void putCommon(Map<String, Object> into, ZonedDateTime startDate, ZonedDateTime endDate,
            ZoneId zone, Duration jitter) {
        if (startDate != null) {
            into.put("start_date", format(startDate));
        }
        if (endDate != null) {
            into.put("end_date", format(endDate));
        }
        into.put("timezone", zone.getId());
        if (jitter != null && !jitter.isZero()) {
            into.put("jitter", formatJitter(jitter));
        }
    }

    /** Formats a jitter for {@link Trigger#arguments()}: whole seconds as a number, else an ISO-8601 duration. */
    public static Object formatJitter(Duration jitter) {
        return jitter.toNanos() % 1_000_000_000L == 0 ? (Object) jitter.getSeconds() : jitter.toString();
    }

    /** Puts {@code value} under {@code key} unless it is zero, keeping its type (an {@code Integer} stays one). */
    static void putIfNonZero(Map<String, Object> into, String key, Number value) {
        if (value.longValue() != 0) {
            into.put(key, value);
        }
    }

    static Map<String, Object> ordered() {
        return new LinkedHashMap<>();
    }
}
