package io.github.apscheduler4j.trigger;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fires on calendar-based intervals, always at the same wall-clock time of day: APScheduler 3's
 * {@code CalendarIntervalTrigger}.
 *
 * <p>The first fire date is {@code start_date}. Each next date is the previous fire date plus
 * {@code years} and {@code months} keeping the day of month (a step landing on a date that does not
 * exist, such as 31 January plus one month, is repeated until the date exists, so that month is
 * skipped), then plus {@code days + 7 * weeks}. The date is combined with {@code hour:minute:second}
 * in the trigger's zone. A date on which that wall-clock time does not exist (a DST gap) is skipped;
 * one on which it occurs twice fires at the earlier instant. No date after {@code end_date} (inclusive)
 * or after the year 9999 fires.
 *
 * <p>With no previous fire time, the start date's fire time is returned even when it is before now,
 * as APScheduler 3.11 does: the scheduler's misfire handling then decides whether it runs.
 *
 * <p>Keyword arguments: {@code years months weeks days} (non-negative whole numbers, not all zero),
 * {@code hour minute second} (default 0), {@code start_date} (a date; defaults to today in the
 * trigger's zone), {@code end_date}, {@code timezone} (defaults to the scheduler's zone; unlike the
 * other triggers, a start or end date's offset does not choose it, as in APScheduler) and
 * {@code jitter}. A date-time given as a date is reduced to its date in the trigger's zone.
 */
public final class CalendarIntervalTrigger extends KeywordTrigger {

    static final String TYPE = "calendarinterval";
    private static final Set<String> ARGUMENTS = Set.of("years", "months", "weeks", "days", "hour", "minute",
            "second", "start_date", "end_date", "timezone", "jitter");
    // Python's date type ends there, and APScheduler's cron trigger gives up there too
    private static final int MAX_YEAR = 9999;

    private final int years;
    private final int months;
    private final int weeks;
    private final int days;
    private final LocalTime timeOfDay;
    private final LocalDate startDate;
    private final LocalDate endDate;
    private final ZoneId zone;
    private final Duration jitter;

    /**
     * A trigger firing at {@code timeOfDay} (whole seconds) on {@code startDate} and then every
     * {@code years}, {@code months}, {@code weeks} and {@code days} until {@code endDate}
     * ({@code null} for never).
     *
     * @param jitter the maximum random delay added to each fire time, or {@code null} for none
     */
    public CalendarIntervalTrigger(int years, int months, int weeks, int days, LocalTime timeOfDay,
            LocalDate startDate, LocalDate endDate, ZoneId zone, Duration jitter) {
        super(TYPE);
        requireNotNegative("years", years);
        requireNotNegative("months", months);
        requireNotNegative("weeks", weeks);
        requireNotNegative("days", days);
        Objects.requireNonNull(timeOfDay, "timeOfDay");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(zone, "zone");
        if (years == 0 && months == 0 && weeks == 0 && days == 0) {
            throw new IllegalArgumentException(TYPE + " trigger: interval must be at least 1 day long"
                    + " (years, months, weeks and days are all 0)");
        }
        if (timeOfDay.getNano() != 0) {
            throw new IllegalArgumentException(TYPE + " trigger argument 'second': value '" + timeOfDay
                    + "' must be a whole second");
        }
        if (endDate != null && endDate.isBefore(startDate)) {
            throw new IllegalArgumentException(TYPE + " trigger argument 'end_date': value '" + endDate
                    + "' cannot be earlier than start_date " + startDate);
        }
        if (jitter != null && jitter.isNegative()) {
            throw new IllegalArgumentException(TYPE + " trigger argument 'jitter': value '" + jitter
                    + "' must not be negative");
        }
        this.years = years;
        this.months = months;
        this.weeks = weeks;
        this.days = days;
        this.timeOfDay = timeOfDay;
        this.startDate = startDate;
        this.endDate = endDate;
        this.zone = zone;
        this.jitter = jitter == null || jitter.isZero() ? null : jitter;
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(TYPE + " trigger argument '" + name + "': value '" + value
                    + "' must not be negative");
        }
    }

    /** Builds the trigger from APScheduler's keyword arguments; a missing start date means today. */
    public static CalendarIntervalTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone) {
        return fromArgs(args, defaultZone, Clock.systemUTC());
    }

    /** As {@link #fromArgs(Map, ZoneId)}, reading "today" from {@code clock} when {@code start_date} is absent. */
    public static CalendarIntervalTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone, Clock clock) {
        TriggerArguments arguments = TriggerArguments.of(TYPE, args, ARGUMENTS);
        ZoneId zone = arguments.has("timezone") ? arguments.zone(defaultZone)
                : defaultZone != null ? defaultZone : ZoneId.systemDefault();
        LocalTime timeOfDay = LocalTime.of(
                ranged(arguments, "hour", 23), ranged(arguments, "minute", 59), ranged(arguments, "second", 59));
        LocalDate startDate = arguments.has("start_date")
                ? dateOf(arguments, "start_date", zone)
                : LocalDate.now(clock.withZone(zone));
        LocalDate endDate = arguments.has("end_date") ? dateOf(arguments, "end_date", zone) : null;
        if (endDate != null && endDate.isBefore(startDate)) {
            throw arguments.error("end_date", arguments.raw("end_date"), "cannot be earlier than start_date " + startDate);
        }
        return new CalendarIntervalTrigger(count(arguments, "years"), count(arguments, "months"),
                count(arguments, "weeks"), count(arguments, "days"), timeOfDay, startDate, endDate, zone,
                arguments.jitter());
    }

    private static int count(TriggerArguments arguments, String key) {
        int value = arguments.integer(key, 0);
        if (value < 0) {
            throw arguments.error(key, arguments.raw(key), "must not be negative");
        }
        return value;
    }

    private static int ranged(TriggerArguments arguments, String key, int max) {
        int value = arguments.integer(key, 0);
        if (value < 0 || value > max) {
            throw arguments.error(key, arguments.raw(key), "must be between 0 and " + max);
        }
        return value;
    }

    private static LocalDate dateOf(TriggerArguments arguments, String key, ZoneId zone) {
        return arguments.toDateTime(key, arguments.raw(key), zone).toLocalDate();
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate startDate() {
        return startDate;
    }

    public LocalDate endDate() {
        return endDate;
    }

    public LocalTime timeOfDay() {
        return timeOfDay;
    }

    @Override
    public ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        LocalDate previousDate = previousFireTime == null
                ? null
                : previousFireTime.withZoneSameInstant(zone).toLocalDate();
        while (true) {
            LocalDate date = previousDate == null ? startDate : dateAfter(previousDate);
            if (date == null || (endDate != null && date.isAfter(endDate))) {
                return null;
            }
            LocalDateTime wallTime = date.atTime(timeOfDay);
            if (zone.getRules().getValidOffsets(wallTime).isEmpty()) {
                // skipped by a DST gap: continue as if it had fired on the date the gap pushes it to
                previousDate = ZonedDateTime.of(wallTime, zone).toLocalDate();
                continue;
            }
            // with no preferred offset, an ambiguous wall time takes the earlier offset
            return Jitter.apply(ZonedDateTime.ofLocal(wallTime, zone, null), jitter, now);
        }
    }

    /** The next fire date after {@code previous}, or {@code null} past the year 9999. */
    private LocalDate dateAfter(LocalDate previous) {
        int year = previous.getYear();
        int month = previous.getMonthValue();
        int day = previous.getDayOfMonth();
        while (true) {
            // APScheduler's loop: step from the last attempt, keeping the original day of month
            month += months;
            year += years + Math.floorDiv(month - 1, 12);
            month = Math.floorMod(month - 1, 12) + 1;
            if (year > MAX_YEAR) {
                return null;
            }
            if (day <= YearMonth.of(year, month).lengthOfMonth()) {
                try {
                    LocalDate next = LocalDate.of(year, month, day).plusDays(days + 7L * weeks);
                    return next.getYear() > MAX_YEAR ? null : next;
                } catch (DateTimeException beyondTimeline) {
                    return null;
                }
            }
        }
    }

    @Override
    Map<String, Object> buildArguments() {
        Map<String, Object> args = TriggerArguments.ordered();
        TriggerArguments.putIfNonZero(args, "years", years);
        TriggerArguments.putIfNonZero(args, "months", months);
        TriggerArguments.putIfNonZero(args, "weeks", weeks);
        TriggerArguments.putIfNonZero(args, "days", days);
        args.put("hour", timeOfDay.getHour());
        args.put("minute", timeOfDay.getMinute());
        args.put("second", timeOfDay.getSecond());
        args.put("start_date", startDate.toString());
        if (endDate != null) {
            args.put("end_date", endDate.toString());
        }
        TriggerArguments.putCommon(args, null, null, zone, jitter);
        return args;
    }

    /** For example {@code calendarinterval[1 month, 3:30:00]} or {@code calendarinterval[2 years, 1 week, 0:00:15]}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        addPart(parts, years, "year");
        addPart(parts, months, "month");
        addPart(parts, weeks, "week");
        addPart(parts, days, "day");
        parts.add(String.format("%d:%02d:%02d", timeOfDay.getHour(), timeOfDay.getMinute(), timeOfDay.getSecond()));
        return TYPE + "[" + String.join(", ", parts) + "]";
    }

    private static void addPart(List<String> parts, int value, String unit) {
        if (value != 0) {
            parts.add(value + " " + unit + (value == 1 ? "" : "s"));
        }
    }
}
