package io.github.apscheduler4j.trigger.cron;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/**
 * The eight fields of a cron trigger and the search for the next matching wall-clock time.
 *
 * <p>This is APScheduler's {@code CronTrigger.get_next_fire_time} run on naive local date-times: time
 * zones and DST are left to the caller, which keeps the search exact (APScheduler's own search,
 * done on aware date-times, can land an hour late after crossing a transition).
 *
 * <p>When the schedule is made, each field's expressions are folded into a bit set of the values they accept (one
 * {@code long} for every field but the year), and only the day expressions that depend on the month ({@code last},
 * {@code 2nd fri}) are asked during the search. The search finds the first matching time of day at or after the
 * start's on the start's date, and else the first matching date after it (moving by month, then by day) at the first
 * matching time of day: the earliest match, as APScheduler's field-by-field search finds it, on plain numbers and
 * without allocating.
 */
public final class CronSchedule {

    private static final int FIELD_COUNT = 8;
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 9999;
    private static final long SECONDS_PER_DAY = CivilTime.SECONDS_PER_DAY;
    /** What {@link #nextMatch(long, long)} returns when there is no match. */
    public static final long NONE = Long.MIN_VALUE;
    private static final long NO_LIMIT = Long.MAX_VALUE;
    /** A search's result holds the second of the day in its low bits: 86,399 needs 17. */
    private static final int TIME_BITS = 17;
    private static final long TIME_MASK = (1L << TIME_BITS) - 1;

    private final CronField[] fields;
    /** The accepted years as bits from 1970, or {@code null} when every year is. */
    private final long[] years;
    private final long months;
    /** The days the month-independent day expressions accept; {@link #monthlyDays} add theirs. */
    private final long days;
    private final FieldExpression[] monthlyDays;
    /** Whether every ISO week is accepted; else {@link #weeks} are. */
    private final boolean everyWeek;
    private final long weeks;
    /** For each weekday (Monday = 0), how many days on the next accepted one is; {@code null} when every one is. */
    private final int[] daysToWeekday;
    private final long hours;
    private final long minutes;
    private final long seconds;
    private final int firstMinute;
    private final int firstSecond;
    /** The second of the day of the first matching time of day. */
    private final int firstTimeOfDay;

    /** @param fields one field per {@link CronFieldType}, in its order */
    public CronSchedule(CronField[] fields) {
        if (fields.length != FIELD_COUNT) {
            throw new IllegalArgumentException("a cron schedule needs 8 fields, got " + fields.length);
        }
        this.fields = fields.clone();
        CronField year = this.fields[CronFieldType.YEAR.ordinal()];
        if (year.acceptsEveryValue()) {
            years = null;
        } else {
            years = new long[((LAST_YEAR - FIRST_YEAR) >> 6) + 1];
            year.addValues(years, FIRST_YEAR);
        }
        months = mask(CronFieldType.MONTH);
        days = mask(CronFieldType.DAY);
        monthlyDays = this.fields[CronFieldType.DAY.ordinal()].monthDependentExpressions();
        everyWeek = this.fields[CronFieldType.WEEK.ordinal()].acceptsEveryValue();
        weeks = everyWeek ? 0 : mask(CronFieldType.WEEK);
        if (this.fields[CronFieldType.DAY_OF_WEEK.ordinal()].acceptsEveryValue()) {
            daysToWeekday = null;
        } else {
            long weekdays = mask(CronFieldType.DAY_OF_WEEK);
            daysToWeekday = new int[7];
            for (int weekday = 0; weekday < 7; weekday++) {
                int skip = 0;
                while ((weekdays >>> ((weekday + skip) % 7) & 1) == 0) {
                    skip++;
                }
                daysToWeekday[weekday] = skip;
            }
        }
        hours = mask(CronFieldType.HOUR);
        minutes = mask(CronFieldType.MINUTE);
        seconds = mask(CronFieldType.SECOND);
        firstMinute = Long.numberOfTrailingZeros(minutes);
        firstSecond = Long.numberOfTrailingZeros(seconds);
        firstTimeOfDay = Long.numberOfTrailingZeros(hours) * 3600 + firstMinute * 60 + firstSecond;
    }

    private long mask(CronFieldType type) {
        long[] words = {0};
        fields[type.ordinal()].addValues(words, 0);
        return words[0];
    }

    public CronField field(CronFieldType type) {
        return fields[type.ordinal()];
    }

    /**
     * The first wall-clock time at or after {@code start} (whole seconds) that matches every field,
     * or {@code null} when there is none up to {@code limit} (or at all, up to the year 9999).
     */
    public LocalDateTime nextMatch(LocalDateTime start, LocalDateTime limit) {
        long startSecond = start.toEpochSecond(ZoneOffset.UTC);
        long match = nextMatch(startSecond, limit == null ? NO_LIMIT : limit.toEpochSecond(ZoneOffset.UTC));
        if (match == NONE) {
            return null;
        }
        return match == startSecond ? start : LocalDateTime.ofEpochSecond(match, 0, ZoneOffset.UTC);
    }

    /**
     * As {@link #nextMatch(LocalDateTime, LocalDateTime)} on local date-times given as seconds since 1970-01-01T00:00
     * (local time counted as if at offset zero): the first matching one at or after {@code start}, or {@link #NONE}
     * when there is none up to {@code limit} ({@code Long.MAX_VALUE} for no limit).
     */
    public long nextMatch(long start, long limit) {
        long match = search(start, limit);
        return match == NONE ? NONE : epochSecond(match);
    }

    /**
     * As {@link #nextMatch(long, long)}, as a local date-time, or {@code null}: made from the fields the search found,
     * with no calendar arithmetic left to do.
     */
    public LocalDateTime nextMatchDateTime(long start, long limit) {
        long match = search(start, limit);
        if (match == NONE) {
            return null;
        }
        long date = match >> TIME_BITS;
        int timeOfDay = (int) (match & TIME_MASK);
        int hour = timeOfDay / 3600;
        int minuteAndSecond = timeOfDay - hour * 3600;
        int minute = minuteAndSecond / 60;
        return LocalDateTime.of((int) CivilTime.packedYear(date), CivilTime.packedMonth(date),
                CivilTime.packedDay(date), hour, minute, minuteAndSecond - minute * 60);
    }

    private static long epochSecond(long match) {
        long date = match >> TIME_BITS;
        return CivilTime.epochDay((int) CivilTime.packedYear(date), CivilTime.packedMonth(date),
                CivilTime.packedDay(date)) * SECONDS_PER_DAY + (match & TIME_MASK);
    }

    /**
     * The search: the first match at or after {@code start} as its {@link CivilTime#packedDate} shifted left by
     * {@link #TIME_BITS} with its second of the day in those bits, or {@link #NONE}.
     */
    private long search(long start, long limit) {
        long startDay = Math.floorDiv(start, SECONDS_PER_DAY);
        int timeOfDay = nextTimeOfDay((int) (start - startDay * SECONDS_PER_DAY));
        long date;
        if (timeOfDay >= 0) {
            date = CivilTime.packedDate(startDay);
        } else {
            // no matching time of day is left on the start's date
            date = CivilTime.packedDate(startDay + 1);
        }
        long year = CivilTime.packedYear(date);
        if (year > LAST_YEAR) {
            return NONE;
        }
        long found = year < FIRST_YEAR ? nextDate(FIRST_YEAR, 1, 1, limit) : nextDate((int) year,
                CivilTime.packedMonth(date), CivilTime.packedDay(date), limit);
        if (found == NONE) {
            return NONE;
        }
        long match = found << TIME_BITS | (found == date && timeOfDay >= 0 ? timeOfDay : firstTimeOfDay);
        return limit != NO_LIMIT && epochSecond(match) > limit ? NONE : match;
    }

    /** The first second of the day at or after {@code secondOfDay} whose hour, minute and second match, or -1. */
    private int nextTimeOfDay(int secondOfDay) {
        int hour = secondOfDay / 3600;
        int minuteAndSecond = secondOfDay - hour * 3600;
        int minute = minuteAndSecond / 60;
        int second = minuteAndSecond - minute * 60;
        if ((hours >>> hour & 1) != 0) {
            if ((minutes >>> minute & 1) != 0) {
                long later = seconds & (-1L << second);
                if (later != 0) {
                    return hour * 3600 + minute * 60 + Long.numberOfTrailingZeros(later);
                }
            }
            // minute + 1 is at most 60: the shift stays under 64
            long laterMinutes = minutes & (-1L << (minute + 1));
            if (laterMinutes != 0) {
                return hour * 3600 + Long.numberOfTrailingZeros(laterMinutes) * 60 + firstSecond;
            }
        }
        long laterHours = hours & (-1L << (hour + 1));
        if (laterHours == 0) {
            return -1;
        }
        return Long.numberOfTrailingZeros(laterHours) * 3600 + firstMinute * 60 + firstSecond;
    }

    /**
     * The first date at or after the given one (from 1970) whose year, month, day, week and weekday match, packed as
     * {@link CivilTime#packedDate}, or {@link #NONE} when there is none up to the year of {@code limit} or 9999.
     */
    private long nextDate(int year, int month, int day, long limit) {
        int lastYear = limit == NO_LIMIT ? LAST_YEAR
                : (int) Math.min(LAST_YEAR, CivilTime.packedYear(CivilTime.packedDate(Math.floorDiv(limit,
                        SECONDS_PER_DAY))));
        while (year <= lastYear) {
            if (years != null && (years[(year - FIRST_YEAR) >> 6] >>> (year - FIRST_YEAR) & 1) == 0) {
                year++;
                month = 1;
                day = 1;
                continue;
            }
            if ((months >>> month & 1) == 0) {
                long laterMonths = months & (-1L << month);
                if (laterMonths == 0) {
                    year++;
                    month = 1;
                } else {
                    month = Long.numberOfTrailingZeros(laterMonths);
                }
                day = 1;
                continue;
            }
            int length = CivilTime.monthLength(year, month);
            day = nextDay(year, month, day, length);
            if (day > 0 && daysToWeekday != null) {
                int skip = daysToWeekday[CivilTime.weekday(year, month, day)];
                if (skip > 0) {
                    day += skip;
                    continue;
                }
            }
            if (day > 0 && !everyWeek && (weeks >>> LocalDate.of(year, month, day)
                    .get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) & 1) == 0) {
                day++;
                continue;
            }
            if (day > 0) {
                return CivilTime.packedDate(year, month, day);
            }
            // none left in the month
            if (++month > 12) {
                year++;
                month = 1;
            }
            day = 1;
        }
        return NONE;
    }

    /** The first day at or after {@code day} (which may be past the month's end) that the day field accepts, or -1. */
    private int nextDay(int year, int month, int day, int length) {
        if (day > length) {
            return -1;
        }
        long later = days & (-1L << day);
        int next = later == 0 ? -1 : Long.numberOfTrailingZeros(later);
        if (next > length) {
            next = -1;
        }
        for (FieldExpression expression : monthlyDays) {
            int candidate = expression.nextDay(year, month, day);
            if (candidate >= 0 && (next < 0 || candidate < next)) {
                next = candidate;
            }
        }
        return next;
    }
}
