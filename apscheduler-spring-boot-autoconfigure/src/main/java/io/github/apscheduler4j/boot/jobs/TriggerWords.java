package io.github.apscheduler4j.boot.jobs;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trigger in words, from its type and keyword arguments ({@code every 20 seconds}, {@code every day at 06:30},
 * {@code every minute, Mon to Fri}). What it cannot put in words simply it leaves as the fields say, so that the
 * words are never wrong; the trigger's own description stays next to them.
 */
final class TriggerWords {

    private static final List<String> CRON_FIELDS = List.of("year", "month", "day", "week", "day_of_week", "hour",
            "minute", "second");
    private static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.US);

    private TriggerWords() {
    }

    /** The trigger of type {@code type} with {@code arguments} in words; {@code description} when the type is unknown. */
    static String describe(String type, Map<String, ?> arguments, String description) {
        try {
            String words = switch (type) {
                case "cron" -> cron(arguments);
                case "interval" -> interval(arguments);
                case "calendarinterval" -> calendarInterval(arguments);
                case "date" -> date(arguments);
                case "and" -> combined("all of", arguments);
                case "or" -> combined("any of", arguments);
                default -> null;
            };
            return words != null ? words : description;
        } catch (RuntimeException e) {
            // arguments of a shape this class does not know (a newer trigger version): the description is still right
            return description;
        }
    }

    private static String cron(Map<String, ?> args) {
        String second = cronField(args, "second");
        String minute = cronField(args, "minute");
        String hour = cronField(args, "hour");
        List<String> when = new ArrayList<>();
        String time;
        if (isNumber(hour) && isNumber(minute) && isNumber(second)) {
            time = "at " + clock(hour, minute, second);
        } else if (hour.equals("*") && minute.equals("*")) {
            time = isNumber(second) ? every("*", "minute", second.equals("0") ? null : "at second " + second)
                    : every(second, "second", null);
        } else if (hour.equals("*") && isNumber(second) && (minute.equals("*") || step(minute) != null)) {
            time = every(minute, "minute", second.equals("0") ? null : "at second " + second);
        } else if (isNumber(minute) && isNumber(second) && (hour.equals("*") || step(hour) != null)) {
            time = every(hour, "hour", "at minute " + minute + (second.equals("0") ? "" : ":" + pad(second)));
        } else {
            time = "at " + String.join(", ", fields(List.of("hour", "minute", "second"), hour, minute, second));
        }
        String dayOfWeek = cronField(args, "day_of_week");
        if (!dayOfWeek.equals("*")) {
            when.add(weekdays(dayOfWeek));
        }
        String day = cronField(args, "day");
        if (!day.equals("*")) {
            when.add(day.equals("last") ? "on the last day of the month" : "on day " + day + " of the month");
        }
        addIfRestricted(when, args, "week", "in week ");
        addIfRestricted(when, args, "month", "in month ");
        addIfRestricted(when, args, "year", "in ");
        if (when.isEmpty() && time.startsWith("at ") && isNumber(hour)) {
            return "every day " + time;
        }
        return when.isEmpty() ? time : time + ", " + String.join(", ", when);
    }

    /** A cron field as APScheduler completes it: given, else the minimum below the least significant given field. */
    private static String cronField(Map<String, ?> args, String name) {
        Object value = args.get(name);
        if (value != null) {
            return value.toString().trim();
        }
        // APScheduler: after the least significant given field, the defaults (minimum values); before it, "*"
        int index = CRON_FIELDS.indexOf(name);
        boolean givenBefore = CRON_FIELDS.subList(0, index).stream().anyMatch(args::containsKey);
        boolean givenAfter = CRON_FIELDS.subList(index + 1, CRON_FIELDS.size()).stream().anyMatch(args::containsKey);
        if (!givenBefore || givenAfter || name.equals("week") || name.equals("day_of_week")) {
            return "*";
        }
        return name.equals("day") || name.equals("month") ? "1" : "0";
    }

    private static void addIfRestricted(List<String> when, Map<String, ?> args, String name, String prefix) {
        String value = cronField(args, name);
        if (!value.equals("*")) {
            when.add(prefix + value);
        }
    }

    private static List<String> fields(List<String> names, String... values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!values[i].equals("*")) {
                parts.add(names.get(i) + " " + values[i]);
            }
        }
        return parts;
    }

    /** "every minute", "every 20 seconds", "every 2 hours at minute 5"; {@code value} is "*" or a step "*&#47;n". */
    private static String every(String value, String unit, String suffix) {
        String words;
        if (value.equals("*")) {
            words = "every " + unit;
        } else if (step(value) != null) {
            words = "every " + quantity(Long.parseLong(step(value)), unit);
        } else {
            // a list or a range: say it as the field does
            words = "at " + unit + " " + value;
        }
        return suffix == null ? words : words + " " + suffix;
    }

    private static String step(String value) {
        if (value.startsWith("*/") && isNumber(value.substring(2))) {
            return value.substring(2);
        }
        return null;
    }

    private static String weekdays(String value) {
        List<Integer> days = new ArrayList<>();
        for (String part : value.split(",")) {
            int day = WEEKDAYS.indexOf(part.trim().toLowerCase(Locale.ROOT));
            if (day < 0) {
                return "on day of week " + value;
            }
            days.add(day);
        }
        int first = days.get(0);
        boolean consecutive = true;
        for (int i = 0; i < days.size(); i++) {
            consecutive &= days.get(i) == first + i;
        }
        if (consecutive && days.size() >= 3) {
            return name(first) + " to " + name(days.get(days.size() - 1));
        }
        List<String> names = days.stream().map(TriggerWords::name).toList();
        return names.size() == 1 ? "on " + names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String name(int weekday) {
        String day = WEEKDAYS.get(weekday);
        return Character.toUpperCase(day.charAt(0)) + day.substring(1);
    }

    private static String interval(Map<String, ?> args) {
        List<String> parts = new ArrayList<>();
        for (String unit : List.of("weeks", "days", "hours", "minutes", "seconds")) {
            Object value = args.get(unit);
            if (value instanceof Number number && number.doubleValue() != 0) {
                parts.add(quantity(number, unit.substring(0, unit.length() - 1)));
            }
        }
        String words = parts.isEmpty() ? "continuously" : "every " + String.join(" ", parts);
        if (words.startsWith("every 1 ") && parts.size() == 1) {
            words = "every " + words.substring("every 1 ".length());
        }
        Object jitter = args.get("jitter");
        if (jitter instanceof Number number && number.doubleValue() != 0) {
            words += ", up to " + quantity(number, "second") + " late";
        }
        return words;
    }

    private static String calendarInterval(Map<String, ?> args) {
        List<String> parts = new ArrayList<>();
        for (String unit : List.of("years", "months", "weeks", "days")) {
            if (args.get(unit) instanceof Number number && number.longValue() != 0) {
                parts.add(quantity(number, unit.substring(0, unit.length() - 1)));
            }
        }
        String every = parts.size() == 1 && parts.get(0).startsWith("1 ") ? parts.get(0).substring(2)
                : String.join(" ", parts);
        String words = "every " + every + " at " + clock(String.valueOf(args.get("hour")),
                String.valueOf(args.get("minute")), String.valueOf(args.get("second")));
        Object start = args.get("start_date");
        return start == null ? words : words + ", from " + start;
    }

    private static String date(Map<String, ?> args) {
        Object runDate = args.get("run_date");
        if (runDate == null) {
            return null;
        }
        try {
            ZonedDateTime time = ZonedDateTime.parse(runDate.toString());
            Object zone = args.get("timezone");
            if (zone != null) {
                time = time.withZoneSameInstant(ZoneId.of(zone.toString()));
            }
            return "once, at " + DATE_TIME.format(time);
        } catch (DateTimeException e) {
            return "once, at " + runDate;
        }
    }

    private static String combined(String how, Map<String, ?> args) {
        List<String> parts = new ArrayList<>();
        for (Object element : (List<?>) args.get("triggers")) {
            Map<?, ?> nested = (Map<?, ?>) element;
            @SuppressWarnings("unchecked")
            Map<String, ?> nestedArgs = (Map<String, ?>) nested.get("args");
            String type = String.valueOf(nested.get("type"));
            parts.add(describe(type, nestedArgs == null ? Map.of() : nestedArgs, type));
        }
        return "when " + how + ": " + String.join("; ", parts);
    }

    private static String clock(String hour, String minute, String second) {
        String time = pad(hour) + ":" + pad(minute);
        return second.equals("0") || second.equals("null") ? time : time + ":" + pad(second);
    }

    private static String pad(String number) {
        return number.length() == 1 ? "0" + number : number;
    }

    private static String quantity(Number number, String unit) {
        double value = number.doubleValue();
        String text = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return text + " " + unit + (value == 1 ? "" : "s");
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.chars().allMatch(Character::isDigit);
    }
}
