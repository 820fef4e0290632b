package io.github.apscheduler4j.trigger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Draws the property tests' cases from a seeded random source: a transition of a zone in 2020-2037, a start around it
 * (at it, a second before or after, hours before or after, on an instant a skipped wall time maps to, in either pass of
 * a repeated hour), and cron fields of every kind (values, lists, ranges, steps, names, {@code last}, {@code 2nd fri},
 * weeks, years) biased towards the wall times the transition skips or repeats.
 */
final class DstCaseGenerator {

    static final long WINDOW_START = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    static final long WINDOW_END = Instant.parse("2038-01-01T00:00:00Z").getEpochSecond();
    private static final String[] WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};
    private static final String[] POSITIONS = {"1st", "2nd", "3rd", "4th", "5th", "last"};

    private final SplittableRandom random;

    DstCaseGenerator(SplittableRandom random) {
        this.random = random;
    }

    /** Every zone of the JDK's tz database (aliases included) with a transition in 2020-2037, by id. */
    static List<ZoneId> zonesWithTransitions() {
        List<ZoneId> zones = new ArrayList<>();
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneId zone = ZoneId.of(id);
            if (!ZoneTimeline.of(zone).transitions(WINDOW_START, WINDOW_END).isEmpty()) {
                zones.add(zone);
            }
        }
        return zones;
    }

    /**
     * One of the zone's transitions in the window: half the time the first of a kind (shift, offset before and wall
     * time) drawn evenly among the kinds, so that a zone's rare transitions are met as often as its yearly ones.
     */
    ZoneTimeline.Transition transition(ZoneTimeline timeline) {
        List<ZoneTimeline.Transition> all = timeline.transitions(WINDOW_START, WINDOW_END);
        if (random.nextBoolean()) {
            return all.get(random.nextInt(all.size()));
        }
        Map<String, ZoneTimeline.Transition> kinds = new LinkedHashMap<>();
        for (ZoneTimeline.Transition transition : all) {
            kinds.putIfAbsent(transition.before() + "/" + transition.after() + "/"
                    + Math.floorMod(transition.instant() + transition.before(), ZoneTimeline.DAY), transition);
        }
        List<ZoneTimeline.Transition> firsts = new ArrayList<>(kinds.values());
        return firsts.get(random.nextInt(firsts.size()));
    }

    /** A start (epoch seconds, maybe with a fraction) around the transition. */
    Instant startAround(ZoneTimeline.Transition transition) {
        long at = transition.instant();
        int shift = Math.abs(transition.shift());
        long start = switch (random.nextInt(8)) {
            case 0 -> at;
            case 1 -> at - 1;
            case 2 -> at + 1;
            case 3 -> at - 1 - random.nextInt(4 * 3600);
            case 4 -> at + 1 + random.nextInt(4 * 3600);
            // gaps: the instants the skipped wall times map to; overlaps: the second pass
            case 5 -> at + random.nextInt(Math.max(1, shift));
            // on a round minute of those instants (where skipped wall times such as 02:30 land); in an overlap,
            // on a round minute of the first pass
            case 6 -> transition.shift() > 0 ? at + 60L * 5 * random.nextInt(Math.max(1, shift / 300))
                    : at - 60L * 5 * (1 + random.nextInt(Math.max(1, shift / 300)));
            default -> at - random.nextInt(Math.max(1, shift));
        };
        int nanos = random.nextInt(5) == 0 ? 1 + random.nextInt(999_999_999) : 0;
        return Instant.ofEpochSecond(start, nanos);
    }

    /** Cron fields (at least one) with values taken near the wall times around the transition. */
    Map<String, Object> cronFields(ZoneTimeline.Transition transition) {
        LocalDateTime before = wall(transition.instant() + transition.before());
        LocalDateTime after = wall(transition.instant() + transition.after());
        LocalDate date = before.toLocalDate();
        Map<String, Object> fields = new LinkedHashMap<>();
        while (fields.isEmpty()) {
            if (chance(10)) {
                fields.put("year", numeric(pool(date.getYear(), date.getYear() + 1, date.getYear() - 1), 1970, 9999));
            }
            if (chance(25)) {
                fields.put("month", chance(30) ? monthNames(date.getMonthValue())
                        : numeric(pool(date.getMonthValue(), after.getMonthValue(), 1 + random.nextInt(12)), 1, 12));
            }
            if (chance(25)) {
                fields.put("day", day(date));
            }
            if (chance(10)) {
                int week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                fields.put("week", numeric(pool(week, Math.max(1, week - 1), Math.min(53, week + 1)), 1, 53));
            }
            if (chance(20)) {
                int weekday = date.getDayOfWeek().getValue() - 1;
                fields.put("day_of_week", chance(40) ? weekdayNames(weekday)
                        : numeric(pool(weekday, (weekday + 1) % 7, random.nextInt(7)), 0, 6));
            }
            if (chance(70)) {
                fields.put("hour", numeric(pool(before.getHour(), after.getHour(), (before.getHour() + 23) % 24,
                        (after.getHour() + 1) % 24, random.nextInt(24)), 0, 23));
            }
            if (chance(70)) {
                fields.put("minute", numeric(pool(before.getMinute(), after.getMinute(), 0, 15, 30, 45,
                        random.nextInt(60)), 0, 59));
            }
            if (chance(20)) {
                fields.put("second", numeric(pool(0, 30, random.nextInt(60)), 0, 59));
            }
        }
        return fields;
    }

    /**
     * Two or three cron triggers' fields for {@code type} ({@code and} or {@code or}): hours around the transition and
     * minutes that meet there, in both passes of a repeated hour.
     */
    List<Map<String, Object>> combinedCronFields(String type, ZoneTimeline.Transition transition) {
        LocalDateTime before = wall(transition.instant() + transition.before());
        LocalDateTime after = wall(transition.instant() + transition.after());
        int low = Math.min(before.getHour(), after.getHour());
        int high = Math.max(before.getHour(), after.getHour());
        List<Map<String, Object>> children = new ArrayList<>();
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("hour", low == high ? Integer.toString(low) : low + "-" + high);
        hours.put("minute", "*/" + pick(5, 10, 15, 20, 30));
        children.add(hours);
        Map<String, Object> minutes = new LinkedHashMap<>();
        minutes.put("minute", pick("*/15", "*/20", "0,30", "10-50/10", before.getMinute() + "," + after.getMinute()));
        children.add(minutes);
        if (random.nextBoolean()) {
            // for "and", a third trigger that meets the others often, else the search runs to its round limit
            Map<String, Object> meetsOften = new LinkedHashMap<>();
            switch (random.nextInt(3)) {
                case 0 -> meetsOften.put("hour", low + "-" + high);
                case 1 -> meetsOften.put("minute", "*/5");
                default -> meetsOften.put("second", "0,30");
            }
            children.add(type.equals("or") ? cronFields(transition) : meetsOften);
        }
        return children;
    }

    String combiningType() {
        return random.nextBoolean() ? "and" : "or";
    }

    /**
     * A calendar interval whose time of day is one the transition skips or repeats (or a round time near it), starting
     * on or a few steps before the transition's date.
     */
    DstPropertyTests.CalendarCase calendarCase(ZoneTimeline timeline) {
        ZoneTimeline.Transition transition = transition(timeline);
        int shift = Math.abs(transition.shift());
        long wall = transition.instant() + Math.min(transition.before(), transition.after());
        wall += switch (random.nextInt(4)) {
            case 0 -> random.nextInt(Math.max(1, shift));
            case 1 -> 60L * 15 * random.nextInt(Math.max(1, shift / 900));
            case 2 -> -3600 + random.nextInt(2 * 3600 + shift);
            default -> 0;
        };
        LocalTime time = LocalTime.ofSecondOfDay(Math.floorMod(wall, ZoneTimeline.DAY));
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(wall, ZoneTimeline.DAY));
        ZoneId zone = timeline.zone;
        return switch (random.nextInt(4)) {
            case 0 -> new DstPropertyTests.CalendarCase(zone, 0, 0, 0, 1 + random.nextInt(2), time,
                    date.minusDays(random.nextInt(4)));
            case 1 -> new DstPropertyTests.CalendarCase(zone, 0, 0, 1, 0, time, date.minusWeeks(random.nextInt(3)));
            case 2 -> new DstPropertyTests.CalendarCase(zone, 1, 0, 0, 0, time, date);
            default -> new DstPropertyTests.CalendarCase(zone, 0, 1 + random.nextInt(12), 0, random.nextInt(3), time,
                    date);
        };
    }

    private String day(LocalDate date) {
        return switch (random.nextInt(6)) {
            case 0 -> "last";
            case 1 -> POSITIONS[random.nextInt(POSITIONS.length)] + " "
                    + (random.nextBoolean() ? WEEKDAYS[date.getDayOfWeek().getValue() - 1] : pick(WEEKDAYS));
            case 2 -> "last," + date.getDayOfMonth();
            default -> numeric(pool(date.getDayOfMonth(), Math.max(1, date.getDayOfMonth() - 1),
                    Math.min(31, date.getDayOfMonth() + 1), 1, 28 + random.nextInt(4)), 1, 31);
        };
    }

    private String monthNames(int month) {
        String name = MONTHS[month - 1];
        return switch (random.nextInt(3)) {
            case 0 -> name;
            case 1 -> MONTHS[Math.max(0, month - 2)] + "-" + MONTHS[Math.min(11, month)];
            default -> name + "," + MONTHS[random.nextInt(12)];
        };
    }

    private String weekdayNames(int weekday) {
        return switch (random.nextInt(4)) {
            case 0 -> WEEKDAYS[weekday];
            case 1 -> "mon-fri";
            case 2 -> "sat,sun";
            default -> WEEKDAYS[Math.max(0, weekday - 1)] + "-" + WEEKDAYS[Math.min(6, weekday + 1)];
        };
    }

    /** A valid numeric expression list over [min, max] using values from the pool. */
    private String numeric(int[] pool, int min, int max) {
        int parts = random.nextInt(5) == 0 ? 2 : 1;
        Set<String> expressions = new LinkedHashSet<>();
        for (int i = 0; i < parts; i++) {
            expressions.add(numericExpression(pool, min, max));
        }
        return String.join(",", expressions);
    }

    private String numericExpression(int[] pool, int min, int max) {
        int a = pool[random.nextInt(pool.length)];
        int b = pool[random.nextInt(pool.length)];
        int first = Math.min(a, b);
        int last = Math.max(a, b);
        return switch (random.nextInt(8)) {
            case 0, 1 -> Integer.toString(a);
            case 2 -> a + "," + b;
            case 3 -> first == last ? Integer.toString(first) : first + "-" + last;
            case 4 -> first == last ? Integer.toString(first) : first + "-" + last + "/" + (1 + random.nextInt(last - first));
            case 5 -> a == max ? Integer.toString(a) : a + "/" + (1 + random.nextInt(Math.min(max - a, 30)));
            case 6 -> "*/" + (1 + random.nextInt(Math.min(max - min, 30)));
            default -> Math.max(min, first - 1) + "-" + Math.min(max, last + 1);
        };
    }

    private int[] pool(int... values) {
        return values;
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static LocalDateTime wall(long wall) {
        return LocalDateTime.ofEpochSecond(wall, 0, ZoneOffset.UTC);
    }
}
