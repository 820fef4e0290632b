package io.github.apscheduler4j.trigger;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The brute-force cron reference: walks wall-clock time second by second (skipping only days, hours and minutes
 * whose own field does not match), maps each matching wall time to every instant that reads it, or, where none does,
 * to the instant the offset before the transition gives, and keeps the earliest. It shares nothing with
 * {@code CronSchedule} or {@code CronTrigger}: the fields are read again from their text with APScheduler's
 * meaning, and the zone is only a {@link ZoneTimeline}.
 */
final class CronReference implements WallClockReference {

    private static final List<String> NAMES = List.of("year", "month", "day", "week", "day_of_week", "hour", "minute",
            "second");
    private static final int[] MIN = {1970, 1, 1, 1, 0, 0, 0, 0};
    private static final int[] MAX = {9999, 12, 31, 53, 6, 23, 59, 59};
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th", "last");
    private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\d+))?");
    private static final Pattern POSITION = Pattern.compile("(1st|2nd|3rd|4th|5th|last) +([a-z]+)");

    private final ZoneTimeline timeline;
    /** Per field, whether a value matches on a date. */
    private final List<BiPredicate<Integer, LocalDate>> fields = new ArrayList<>();

    /** @param args the cron trigger's keyword arguments (fields only; {@code timezone} is ignored) */
    CronReference(Map<String, ?> args, ZoneId zone) {
        this.timeline = ZoneTimeline.of(zone);
        int lastGiven = -1;
        for (int i = 0; i < NAMES.size(); i++) {
            if (args.get(NAMES.get(i)) != null) {
                lastGiven = i;
            }
        }
        for (int i = 0; i < NAMES.size(); i++) {
            Object value = args.get(NAMES.get(i));
            String text;
            if (value != null) {
                text = value.toString();
            } else if (i > lastGiven && i != 0 && i != 3 && i != 4) {
                // APScheduler: fields less significant than the least significant one given take their minimum
                text = Integer.toString(MIN[i]);
            } else {
                text = "*";
            }
            fields.add(field(i, text.trim().toLowerCase(Locale.ROOT)));
        }
    }

    private static BiPredicate<Integer, LocalDate> field(int index, String text) {
        BiPredicate<Integer, LocalDate> any = (value, date) -> false;
        for (String part : text.split(",")) {
            BiPredicate<Integer, LocalDate> expression = expression(index, part.trim());
            BiPredicate<Integer, LocalDate> before = any;
            any = (value, date) -> before.test(value, date) || expression.test(value, date);
        }
        return any;
    }

    private static BiPredicate<Integer, LocalDate> expression(int index, String part) {
        if (part.equals("*")) {
            return (value, date) -> true;
        }
        if (part.startsWith("*/")) {
            int step = Integer.parseInt(part.substring(2));
            return (value, date) -> (value - MIN[index]) % step == 0;
        }
        Matcher numbers = NUMBERS.matcher(part);
        if (numbers.matches()) {
            int first = Integer.parseInt(numbers.group(1));
            int step = numbers.group(3) == null ? 1 : Integer.parseInt(numbers.group(3));
            Integer last = numbers.group(2) != null ? Integer.valueOf(numbers.group(2))
                    : numbers.group(3) != null ? null : first;
            return (value, date) -> value >= first && value <= (last == null ? max(index, date) : last)
                    && (value - first) % step == 0;
        }
        if (index == 2 && part.equals("last")) {
            return (value, date) -> value == date.lengthOfMonth();
        }
        Matcher position = POSITION.matcher(part);
        if (index == 2 && position.matches()) {
            int nth = POSITIONS.indexOf(position.group(1));
            DayOfWeek weekday = DayOfWeek.of(WEEKDAYS.indexOf(position.group(2)) + 1);
            return (value, date) -> {
                List<Integer> days = new ArrayList<>();
                for (int day = 1; day <= date.lengthOfMonth(); day++) {
                    if (date.withDayOfMonth(day).getDayOfWeek() == weekday) {
                        days.add(day);
                    }
                }
                int wanted = nth == 5 ? days.get(days.size() - 1) : nth < days.size() ? days.get(nth) : -1;
                return value == wanted;
            };
        }
        List<String> names = index == 1 ? MONTHS : index == 4 ? WEEKDAYS : null;
        if (names != null) {
            String[] bounds = part.split("-");
            int offset = index == 1 ? 1 : 0;
            int first = names.indexOf(bounds[0]) + offset;
            int last = names.indexOf(bounds[bounds.length - 1]) + offset;
            if (bounds.length <= 2 && first >= offset && last >= offset) {
                return (value, date) -> value >= first && value <= last;
            }
        }
        throw new IllegalArgumentException("the reference does not read '" + part + "' in field " + NAMES.get(index));
    }

    private static int max(int index, LocalDate date) {
        return index == 2 ? date.lengthOfMonth() : MAX[index];
    }

    private boolean matchesDate(LocalDate date) {
        return fields.get(0).test(date.getYear(), date) && fields.get(1).test(date.getMonthValue(), date)
                && fields.get(2).test(date.getDayOfMonth(), date)
                && fields.get(3).test(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), date)
                && fields.get(4).test(date.getDayOfWeek().getValue() - 1, date);
    }

    private boolean matches(long wall) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(wall, ZoneTimeline.DAY));
        int second = (int) Math.floorMod(wall, ZoneTimeline.DAY);
        return matchesDate(date) && fields.get(5).test(second / 3600, date)
                && fields.get(6).test(second / 60 % 60, date) && fields.get(7).test(second % 60, date);
    }

    @Override
    public long next(long from, long until) {
        long best = NONE;
        long walkFrom = from + timeline.minOffset(from - ZoneTimeline.DAY, from + ZoneTimeline.DAY);
        int maxOffset = timeline.maxOffset(from - ZoneTimeline.DAY, until + ZoneTimeline.DAY);
        // a wall time read before `best` is read at one of the offsets in force from `from` to `best`
        int maxOffsetNearBest = maxOffset;
        for (long day = Math.floorDiv(walkFrom, ZoneTimeline.DAY); ; day++) {
            long dayStart = day * ZoneTimeline.DAY;
            // no wall time from here on is read before `best` (or before `until`)
            if (best == NONE ? dayStart - maxOffset >= until : dayStart - maxOffsetNearBest >= best) {
                return best;
            }
            LocalDate date = LocalDate.ofEpochDay(day);
            if (!matchesDate(date)) {
                continue;
            }
            for (int hour = 0; hour < 24; hour++) {
                if (!fields.get(5).test(hour, date)) {
                    continue;
                }
                for (int minute = 0; minute < 60; minute++) {
                    if (!fields.get(6).test(minute, date)) {
                        continue;
                    }
                    for (int second = 0; second < 60; second++) {
                        long wall = dayStart + hour * 3600L + minute * 60L + second;
                        if (wall < walkFrom || !fields.get(7).test(second, date)) {
                            continue;
                        }
                        if (best != NONE && wall - maxOffsetNearBest >= best) {
                            return best;
                        }
                        for (long instant : timeline.instantsOf(wall)) {
                            if (instant >= from && instant < until && (best == NONE || instant < best)) {
                                best = instant;
                                maxOffsetNearBest = timeline.maxOffset(from - ZoneTimeline.DAY, best + ZoneTimeline.DAY);
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public boolean firesAt(long instant) {
        for (long offset : timeline.offsetsBetween(instant - ZoneTimeline.DAY, instant + ZoneTimeline.DAY)) {
            long wall = instant + offset;
            if (matches(wall)) {
                for (long reading : timeline.instantsOf(wall)) {
                    if (reading == instant) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
