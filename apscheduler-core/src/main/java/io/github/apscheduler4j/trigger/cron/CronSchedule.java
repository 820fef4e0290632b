package io.github.apscheduler4j.trigger.cron;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * The eight fields of a cron trigger and the search for the next matching wall-clock time.
 *
 * <p>This is APScheduler's {@code CronTrigger.get_next_fire_time} run on naive local date-times: time
 * zones and DST are left to the caller, which keeps the search exact (APScheduler's own search,
 * done on aware date-times, can land an hour late after crossing a transition).
 */
public final class CronSchedule {

    private static final int FIELD_COUNT = 8;

    private final CronField[] fields;

    /** @param fields one field per {@link CronFieldType}, in its order */
    public CronSchedule(CronField[] fields) {
        if (fields.length != FIELD_COUNT) {
            throw new IllegalArgumentException("a cron schedule needs 8 fields, got " + fields.length);
        }
        this.fields = fields.clone();
    }

    public CronField field(CronFieldType type) {
        return fields[type.ordinal()];
    }

    /**
     * The first wall-clock time at or after {@code start} (whole seconds) that matches every field,
     * or {@code null} when there is none up to {@code limit} (or at all, up to the year 9999).
     */
    public LocalDateTime nextMatch(LocalDateTime start, LocalDateTime limit) {
        LocalDateTime next = start;
        int fieldNum = 0;
        while (fieldNum >= 0 && fieldNum < FIELD_COUNT) {
            CronField field = fields[fieldNum];
            CronFieldType type = field.type();
            int current = type.value(next);
            int nextValue = field.nextValue(next);
            if (nextValue < 0) {
                Increment step = increment(next, fieldNum - 1);
                next = step.date();
                fieldNum = step.fieldNum();
            } else if (nextValue > current) {
                if (type.real()) {
                    next = set(next, fieldNum, nextValue);
                    fieldNum++;
                } else {
                    Increment step = increment(next, fieldNum);
                    next = step.date();
                    fieldNum = step.fieldNum();
                }
            } else {
                fieldNum++;
            }
            if (next == null || (limit != null && next.isAfter(limit))) {
                return null;
            }
        }
        return fieldNum >= 0 ? next : null;
    }

    private record Increment(LocalDateTime date, int fieldNum) {
    }

    private static final Increment EXHAUSTED = new Increment(null, -1);

    /**
     * Adds one to the real field at {@code fieldNum} (or the nearest more significant real field, carrying
     * over fields at their maximum) and resets the less significant ones to their minimum. Returns the new
     * date-time with the field that was incremented ({@link #EXHAUSTED} past the year 9999).
     */
    private static Increment increment(LocalDateTime date, int fieldNum) {
        int[] values = new int[FIELD_COUNT];
        int i = 0;
        while (i < FIELD_COUNT) {
            if (fieldNum < 0) {
                return EXHAUSTED;
            }
            CronFieldType type = CronFieldType.at(i);
            if (!type.real()) {
                if (i == fieldNum) {
                    fieldNum--;
                    i--;
                } else {
                    i++;
                }
                continue;
            }
            if (i < fieldNum) {
                values[i] = type.value(date);
                i++;
            } else if (i > fieldNum) {
                values[i] = type.min();
                i++;
            } else {
                int value = type.value(date);
                if (value == type.max(date)) {
                    fieldNum--;
                    i--;
                } else {
                    values[i] = value + 1;
                    i++;
                }
            }
        }
        LocalDateTime result = toDateTime(values);
        return result == null ? EXHAUSTED : new Increment(result, fieldNum);
    }

    private static LocalDateTime set(LocalDateTime date, int fieldNum, int newValue) {
        int[] values = new int[FIELD_COUNT];
        for (int i = 0; i < FIELD_COUNT; i++) {
            CronFieldType type = CronFieldType.at(i);
            if (type.real()) {
                values[i] = i < fieldNum ? type.value(date) : i > fieldNum ? type.min() : newValue;
            }
        }
        return toDateTime(values);
    }

    private static LocalDateTime toDateTime(int[] values) {
        try {
            return LocalDateTime.of(values[0], values[1], values[2], values[5], values[6], values[7]);
        } catch (DateTimeException e) {
            // only a day that the month lacks (set by a day expression beyond the month's end) gets here
            return null;
        }
    }
}
