package io.github.apscheduler4j.trigger.cron;

import java.time.temporal.IsoFields;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The eight fields of a cron trigger and the search for the next matching wall-clock time.
 *
 * <p>This is APScheduler's {@code CronTrigger.get_next_fire_time} run on naive local date-times: time
 * zones and DST are left to the caller, which keeps the search exact (APScheduler's own search,
 * done on aware date-times, can land an hour late after crossing a transition).
 *
 * <p>The search works on the date-time's fields as plain numbers and allocates one small array: each field's
 * expressions are folded, when the schedule is made, into a bit set of the values they accept (a field of
 * {@code *} needs none), and only the day expressions that depend on the month ({@code last}, {@code 2nd fri}) are
 * asked at each step.
 */
public final class CronSchedule {

    private static final int FIELD_COUNT = 8;
    private static final int YEAR = 0;
    private static final int MONTH = 1;
    private static final int DAY = 2;
    private static final int WEEK = 3;
    private static final int DAY_OF_WEEK = 4;
    /** What {@link #nextMatch(long, long)} returns when there is no match. */
    public static final long NONE = Long.MIN_VALUE;
    private static final long NO_LIMIT = Long.MAX_VALUE;

    private final CronField[] fields;
    private final Matcher[] matchers;

    /** @param fields one field per {@link CronFieldType}, in its order */
    public CronSchedule(CronField[] fields) {
        if (fields.length != FIELD_COUNT) {
            throw new IllegalArgumentException("a cron schedule needs 8 fields, got " + fields.length);
        }
        this.fields = fields.clone();
        this.matchers = new Matcher[FIELD_COUNT];
        for (int i = 0; i < FIELD_COUNT; i++) {
            matchers[i] = new Matcher(this.fields[i]);
        }
    }

    public CronField field(CronFieldType type) {
        return fields[type.ordinal()];
    }

    /**
     * The first wall-clock time at or after {@code start} (whole seconds) that matches every field,
     * or {@code null} when there is none up to {@code limit} (or at all, up to the year 9999).
     */
    public LocalDateTime nextMatch(LocalDateTime start, LocalDateTime limit) {
        int[] values = {start.getYear(), start.getMonthValue(), start.getDayOfMonth(), 0, 0, start.getHour(),
                start.getMinute(), start.getSecond()};
        long startKey = key(values);
        long key = search(values, limit == null ? NO_LIMIT : key(limit));
        if (key == NONE) {
            return null;
        }
        return key == startKey ? start : LocalDateTime.of(values[0], values[1], values[2], values[5], values[6], values[7]);
    }

    /**
     * As {@link #nextMatch(LocalDateTime, LocalDateTime)} on local date-times given as seconds since 1970-01-01T00:00
     * (local time counted as if at offset zero): the first matching one at or after {@code start}, or {@link #NONE}
     * when there is none up to {@code limit} ({@code Long.MAX_VALUE} for no limit).
     */
    public long nextMatch(long start, long limit) {
        int[] values = new int[FIELD_COUNT];
        long limitKey = NO_LIMIT;
        if (limit != NO_LIMIT) {
            CivilTime.split(limit, values);
            limitKey = key(values);
        }
        CivilTime.split(start, values);
        return search(values, limitKey) == NONE ? NONE : CivilTime.epochSecond(values);
    }

    /**
     * APScheduler's search, on {@code values} (year, month, day, -, -, hour, minute, second): moves them on to the first
     * match and returns its {@link #key}, or returns {@link #NONE}.
     */
    private long search(int[] values, long limitKey) {
        int fieldNum = 0;
        while (fieldNum >= 0 && fieldNum < FIELD_COUNT) {
            Matcher matcher = matchers[fieldNum];
            if (matcher.every && fieldNum != YEAR) {
                // every value of the field matches (and the value at hand is always within its range)
                fieldNum++;
                continue;
            }
            int current = value(fieldNum, values);
            int nextValue = matcher.next(current, values);
            if (nextValue < 0) {
                fieldNum = increment(values, fieldNum - 1);
            } else if (nextValue > current) {
                if (matcher.real) {
                    set(values, fieldNum, nextValue);
                    fieldNum++;
                } else {
                    fieldNum = increment(values, fieldNum);
                }
            } else {
                fieldNum++;
            }
            if (fieldNum < 0 || (limitKey != NO_LIMIT && key(values) > limitKey)) {
                return NONE;
            }
        }
        return key(values);
    }

    private static int value(int fieldNum, int[] values) {
        return switch (fieldNum) {
            case WEEK -> LocalDate.of(values[YEAR], values[MONTH], values[DAY]).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case DAY_OF_WEEK -> CivilTime.weekday(values[YEAR], values[MONTH], values[DAY]);
            default -> values[fieldNum];
        };
    }

    /** The largest value the field can take at {@code values} (the month's length for days). */
    private static int max(int fieldNum, int[] values) {
        return fieldNum == DAY ? CivilTime.monthLength(values[YEAR], values[MONTH]) : CronFieldType.at(fieldNum).max();
    }

    /**
     * Adds one to the real field at {@code fieldNum} (or the nearest more significant real field, carrying
     * over fields at their maximum) and resets the less significant ones to their minimum. Returns the field that
     * was incremented, or -1 past the year 9999.
     */
    private static int increment(int[] values, int fieldNum) {
        while (fieldNum >= 0) {
            CronFieldType type = CronFieldType.at(fieldNum);
            if (!type.real() || values[fieldNum] == max(fieldNum, values)) {
                fieldNum--;
                continue;
            }
            values[fieldNum]++;
            resetBelow(values, fieldNum);
            return fieldNum;
        }
        return -1;
    }

    private static void set(int[] values, int fieldNum, int newValue) {
        values[fieldNum] = newValue;
        resetBelow(values, fieldNum);
    }

    private static void resetBelow(int[] values, int fieldNum) {
        for (int i = fieldNum + 1; i < FIELD_COUNT; i++) {
            CronFieldType type = CronFieldType.at(i);
            if (type.real()) {
                values[i] = type.min();
            }
        }
    }

    /** A number that orders date-times as they follow each other (the year is offset so that it stays positive). */
    private static long key(int[] values) {
        return ((long) values[YEAR] + 1_000_000_000L) << 26 | (long) values[MONTH] << 22 | (long) values[DAY] << 17
                | (long) values[5] << 12 | (long) values[6] << 6 | values[7];
    }

    private static long key(LocalDateTime time) {
        return key(new int[] {time.getYear(), time.getMonthValue(), time.getDayOfMonth(), 0, 0, time.getHour(),
                time.getMinute(), time.getSecond()});
    }

    /** One field's expressions, folded for the search. */
    private static final class Matcher {
        final int fieldNum;
        final boolean real;
        final int min;
        /** Some expression accepts every value. */
        final boolean every;
        /** The values the month-independent expressions accept, as a bit set starting at value {@code offset}. */
        final long[] words;
        final int offset;
        /** The expressions whose days depend on the month. */
        final FieldExpression[] monthly;

        Matcher(CronField field) {
            CronFieldType type = field.type();
            fieldNum = type.ordinal();
            real = type.real();
            min = type.min();
            boolean all = false;
            BitSet values = new BitSet();
            List<FieldExpression> dependent = new ArrayList<>();
            for (FieldExpression expression : field.expressions()) {
                if (expression.everyValue()) {
                    all = true;
                } else if (expression.dependsOnMonth()) {
                    dependent.add(expression);
                } else {
                    expression.addValues(type, values);
                }
            }
            every = all;
            monthly = dependent.toArray(FieldExpression[]::new);
            int lowest = values.nextSetBit(0);
            offset = lowest < 0 ? 0 : lowest & ~63;
            long[] all64 = values.toLongArray();
            words = lowest < 0 ? new long[0] : Arrays.copyOfRange(all64, offset >> 6, all64.length);
        }

        /** The smallest accepted value at or after {@code current}, or -1. */
        int next(int current, int[] values) {
            int max = max(fieldNum, values);
            if (every) {
                int start = Math.max(current, min);
                return start <= max ? start : -1;
            }
            int smallest = nextSetBit(current);
            if (smallest > max) {
                smallest = -1;
            }
            for (FieldExpression expression : monthly) {
                int day = expression.nextDay(values[YEAR], values[MONTH], current);
                if (day >= 0 && (smallest < 0 || day < smallest)) {
                    smallest = day;
                }
            }
            return smallest;
        }

        private int nextSetBit(int from) {
            int bit = Math.max(from - offset, 0);
            int index = bit >> 6;
            if (index >= words.length) {
                return -1;
            }
            long word = words[index] & (-1L << bit);
            while (true) {
                if (word != 0) {
                    return offset + (index << 6) + Long.numberOfTrailingZeros(word);
                }
                if (++index == words.length) {
                    return -1;
                }
                word = words[index];
            }
        }
    }
}
