package io.github.apscheduler4j.trigger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fires every {@code interval} of absolute time from {@code start_date}: APScheduler's
 * {@code IntervalTrigger}.
 *
 * <p>The interval is elapsed time, not wall-clock time: a day is 86,400 seconds even across a DST
 * change, so a daily interval's wall-clock time shifts by an hour twice a year (use
 * {@link CalendarIntervalTrigger} to keep the wall-clock time). Fire times are
 * {@code start_date + k * interval}; with no previous fire time the first one at or after now is
 * returned, otherwise the previous fire time plus the interval. None is returned past
 * {@code end_date}. Jitter, when set, delays each fire time by up to that much after the end-date check.
 *
 * <p>Keyword arguments: {@code weeks days hours minutes seconds} (non-negative, possibly fractional,
 * summed; a zero interval becomes one second, as in APScheduler), {@code start_date} (defaults to
 * now plus the interval), {@code end_date}, {@code timezone} (else the zone of an offset-carrying
 * start or end date, else the scheduler's) and {@code jitter}.
 */
public final class IntervalTrigger extends KeywordTrigger {

    static final String TYPE = "interval";
    private static final Set<String> ARGUMENTS = Set.of("weeks", "days", "hours", "minutes", "seconds",
            "start_date", "end_date", "timezone", "jitter");
    private static final long SECONDS_PER_WEEK = 604_800;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_MINUTE = 60;
    // far beyond any useful interval, yet keeps every sum and multiple well inside Duration and Instant
    private static final BigDecimal MAX_INTERVAL_SECONDS = BigDecimal.valueOf(10_000L * 366 * SECONDS_PER_DAY);

    private final Duration interval;
    private final ZonedDateTime startDate;
    private final ZonedDateTime endDate;
    private final ZoneId zone;
    private final Duration jitter;

    /**
     * A trigger firing every {@code interval} from {@code startDate} (inclusive) until {@code endDate}
     * (inclusive, {@code null} for never), reporting fire times in {@code startDate}'s zone.
     *
     * @param jitter the maximum random delay added to each fire time, or {@code null} for none
     */
    public IntervalTrigger(Duration interval, ZonedDateTime startDate, ZonedDateTime endDate, Duration jitter) {
        super(TYPE);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(startDate, "startDate");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval trigger argument 'interval': value '" + interval
                    + "' must not be negative");
        }
        if (jitter != null && jitter.isNegative()) {
            throw new IllegalArgumentException("interval trigger argument 'jitter': value '" + jitter
                    + "' must not be negative");
        }
        if (endDate != null && endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("interval trigger argument 'end_date': value '"
                    + TriggerArguments.format(endDate) + "' is before start_date " + TriggerArguments.format(startDate));
        }
        this.interval = interval.isZero() ? Duration.ofSeconds(1) : interval;
        this.zone = startDate.getZone();
        this.startDate = startDate;
        this.endDate = endDate == null ? null : endDate.withZoneSameInstant(zone);
        this.jitter = jitter == null || jitter.isZero() ? null : jitter;
    }

    /** Builds the trigger from APScheduler's keyword arguments; a missing start date means now plus the interval. */
    public static IntervalTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone) {
        return fromArgs(args, defaultZone, Clock.systemUTC());
    }

    /** As {@link #fromArgs(Map, ZoneId)}, reading "now" from {@code clock} to default the start date. */
    public static IntervalTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone, Clock clock) {
        TriggerArguments arguments = TriggerArguments.of(TYPE, args, ARGUMENTS);
        Duration interval = readInterval(arguments);
        ZoneId zone = arguments.zone(defaultZone);
        Duration effective = interval.isZero() ? Duration.ofSeconds(1) : interval;
        ZonedDateTime startDate = arguments.has("start_date")
                ? arguments.dateTime("start_date", zone)
                : clock.instant().plus(effective).atZone(zone);
        ZonedDateTime endDate = arguments.dateTime("end_date", zone);
        if (endDate != null && endDate.isBefore(startDate)) {
            throw arguments.error("end_date", arguments.raw("end_date"), "is before start_date "
                    + (arguments.has("start_date") ? arguments.raw("start_date")
                            : TriggerArguments.format(startDate) + " (now plus the interval)"));
        }
        return new IntervalTrigger(interval, startDate, endDate, arguments.jitter());
    }

    private static Duration readInterval(TriggerArguments arguments) {
        BigDecimal seconds = BigDecimal.ZERO;
        seconds = seconds.add(component(arguments, "weeks", SECONDS_PER_WEEK));
        seconds = seconds.add(component(arguments, "days", SECONDS_PER_DAY));
        seconds = seconds.add(component(arguments, "hours", SECONDS_PER_HOUR));
        seconds = seconds.add(component(arguments, "minutes", SECONDS_PER_MINUTE));
        seconds = seconds.add(component(arguments, "seconds", 1));
        BigDecimal nanos = seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal[] split = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
    }

    private static BigDecimal component(TriggerArguments arguments, String key, long unitSeconds) {
        double value = arguments.number(key);
        if (value < 0) {
            throw arguments.error(key, arguments.raw(key), "must not be negative");
        }
        // BigDecimal.valueOf keeps the decimal the caller wrote (0.1, not 0.1000000000000000055...)
        BigDecimal seconds = BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(unitSeconds));
        if (seconds.compareTo(MAX_INTERVAL_SECONDS) > 0) {
            throw arguments.error(key, arguments.raw(key), "is too large (an interval is at most 10,000 years)");
        }
        return seconds;
    }

    public Duration interval() {
        return interval;
    }

    public ZonedDateTime startDate() {
        return startDate;
    }

    public ZonedDateTime endDate() {
        return endDate;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        Instant next;
        try {
            next = previousFireTime != null
                    ? previousFireTime.toInstant().plus(interval)
                    : firstAtOrAfter(Objects.requireNonNull(now, "now").toInstant());
        } catch (DateTimeException | ArithmeticException beyondTimeline) {
            return null;
        }
        if (endDate != null && next.isAfter(endDate.toInstant())) {
            return null;
        }
        return Jitter.apply(next.atZone(zone), jitter, now);
    }

    private Instant firstAtOrAfter(Instant now) {
        Instant start = startDate.toInstant();
        if (start.isAfter(now)) {
            return start;
        }
        Duration elapsed = Duration.between(start, now);
        long intervals = elapsed.dividedBy(interval);
        if (!interval.multipliedBy(intervals).equals(elapsed)) {
            intervals++;
        }
        return start.plus(interval.multipliedBy(intervals));
    }

    @Override
    Map<String, Object> buildArguments() {
        Map<String, Object> args = TriggerArguments.ordered();
        long remaining = interval.getSeconds();
        TriggerArguments.putIfNonZero(args, "weeks", remaining / SECONDS_PER_WEEK);
        remaining %= SECONDS_PER_WEEK;
        TriggerArguments.putIfNonZero(args, "days", remaining / SECONDS_PER_DAY);
        remaining %= SECONDS_PER_DAY;
        TriggerArguments.putIfNonZero(args, "hours", remaining / SECONDS_PER_HOUR);
        remaining %= SECONDS_PER_HOUR;
        TriggerArguments.putIfNonZero(args, "minutes", remaining / SECONDS_PER_MINUTE);
        remaining %= SECONDS_PER_MINUTE;
        if (interval.getNano() != 0) {
            // under a minute with at most 9 decimals: a double holds it exactly enough to round-trip
            args.put("seconds", BigDecimal.valueOf(remaining).add(BigDecimal.valueOf(interval.getNano(), 9)).doubleValue());
        } else {
            TriggerArguments.putIfNonZero(args, "seconds", remaining);
        }
        TriggerArguments.putCommon(args, startDate, endDate, zone, jitter);
        return args;
    }

    /** As APScheduler prints it: {@code interval[0:00:03]}, {@code interval[1 day, 2:00:00]}. */
    @Override
    public String toString() {
        return "interval[" + pythonTimedelta(interval) + "]";
    }

    static String pythonTimedelta(Duration duration) {
        long seconds = duration.getSeconds();
        long days = seconds / SECONDS_PER_DAY;
        long rest = seconds % SECONDS_PER_DAY;
        StringBuilder text = new StringBuilder();
        if (days != 0) {
            text.append(days).append(days == 1 ? " day, " : " days, ");
        }
        text.append(rest / SECONDS_PER_HOUR).append(':')
                .append(String.format("%02d:%02d", rest % SECONDS_PER_HOUR / 60, rest % 60));
        int nanos = duration.getNano();
        if (nanos != 0) {
            text.append(nanos % 1000 == 0 ? String.format(".%06d", nanos / 1000) : String.format(".%09d", nanos));
        }
        return text.toString();
    }
}
