package io.github.apscheduler4j.trigger;

import io.github.apscheduler4j.trigger.cron.CronField;
import io.github.apscheduler4j.trigger.cron.CronFieldType;
import io.github.apscheduler4j.trigger.cron.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * APScheduler's cron trigger: fires at every instant whose wall-clock time in the trigger's zone
 * matches all of {@code year month day week day_of_week hour minute second}.
 *
 * <p>Fields less significant than the least significant one given default to their minimum, more
 * significant ones to {@code *}: {@code day=1, minute=20} fires at second 0 of minute 20 of every hour
 * on the 1st. Day of week 0 is Monday. Across DST, a wall time that occurs twice fires twice, and one
 * that does not exist fires at the instant the offset before the transition gives (02:30 on a
 * spring-forward day in Berlin fires at 01:30Z).
 */
public final class CronTrigger implements Trigger {

    static final Set<String> ARGUMENTS = argumentNames();
    private static final CronFieldType[] FIELD_TYPES = CronFieldType.values();
    // seconds around a start within which a transition can change what matches next: more than any gap or overlap
    private static final long NEAR = 2 * 86_400;

    private final CronSchedule schedule;
    private final ZoneId zone;
    private final ZonedDateTime startDate;
    private final ZonedDateTime endDate;
    private final Duration jitter;
    // the search never needs to look at wall times past this: the end date's wall time plus a day of slack
    private final LocalDateTime searchLimit;
    // the same in local seconds since 1970 (Long.MAX_VALUE: none), for the search on numbers
    private final long searchLimitSeconds;
    // the zone's offset in seconds when it never changes (UTC, fixed offsets): no gaps or overlaps to map
    private final boolean fixedOffset;
    private final int offsetSeconds;
    private final ZoneOffset fixedZoneOffset;
    // the quiet period of the last search in a zone with transitions: the next search is most often in it too.
    // Immutable and read once per search, so a stale or racing value costs a look-up, never a wrong answer.
    private QuietPeriod quietPeriod;

    private CronTrigger(CronSchedule schedule, ZoneId zone, ZonedDateTime startDate, ZonedDateTime endDate,
            Duration jitter) {
        this.schedule = schedule;
        this.zone = zone;
        this.startDate = startDate;
        this.endDate = endDate;
        this.jitter = jitter;
        this.searchLimit = endDate == null ? null : endDate.toLocalDateTime().plusDays(1);
        this.searchLimitSeconds = searchLimit == null ? Long.MAX_VALUE : searchLimit.toEpochSecond(ZoneOffset.UTC);
        ZoneRules rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset();
        this.fixedZoneOffset = fixedOffset ? rules.getOffset(Instant.EPOCH) : null;
        this.offsetSeconds = fixedOffset ? fixedZoneOffset.getTotalSeconds() : 0;
    }

    /** Builds a cron trigger from APScheduler's keyword arguments (fields as numbers or strings). */
    public static CronTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone) {
        TriggerArguments arguments = TriggerArguments.of("cron", args, ARGUMENTS);
        ZoneId zone = arguments.zone(defaultZone);
        ZonedDateTime startDate = arguments.dateTime("start_date", zone);
        ZonedDateTime endDate = arguments.dateTime("end_date", zone);
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            throw arguments.error("end_date", args.get("end_date"), "is before start_date " + args.get("start_date"));
        }
        Object[] values = new Object[FIELD_TYPES.length];
        for (CronFieldType type : FIELD_TYPES) {
            values[type.ordinal()] = arguments.raw(type.fieldName());
        }
        return new CronTrigger(new CronSchedule(parseFields(values)), zone, startDate, endDate, arguments.jitter());
    }

    /**
     * Parses the fields given in {@code values} (one per {@link CronFieldType}, {@code null} where not given) and
     * gives the others their default: {@code *} above the least significant field given, the minimum below it.
     */
    private static CronField[] parseFields(Object[] values) {
        int remaining = 0;
        for (Object value : values) {
            if (value != null) {
                remaining++;
            }
        }
        CronField[] fields = new CronField[FIELD_TYPES.length];
        boolean assignDefaults = false;
        for (CronFieldType type : FIELD_TYPES) {
            Object value = values[type.ordinal()];
            if (value != null) {
                fields[type.ordinal()] = CronField.parse(type, fieldText(type, value), false);
                remaining--;
                assignDefaults = remaining == 0;
            } else {
                fields[type.ordinal()] = CronField.parse(type, assignDefaults ? defaultText(type) : "*", true);
            }
        }
        return fields;
    }

    private static String fieldText(CronFieldType type, Object value) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (number == Math.rint(number)) {
                return Long.toString((long) number);
            }
        }
        return value.toString();
    }

    private static String defaultText(CronFieldType type) {
        return switch (type) {
            case YEAR, WEEK, DAY_OF_WEEK -> "*";
            case MONTH, DAY -> "1";
            case HOUR, MINUTE, SECOND -> "0";
        };
    }

    /**
     * Builds a cron trigger from a standard 5-field crontab string ({@code minute hour day month
     * day_of_week}) with standard weekday numbers: 0 or 7 is Sunday, {@code 1-5} Monday to Friday. When
     * both day of month and day of week are restricted, both must match (APScheduler's rule).
     */
    public static CronTrigger fromCrontab(String expression, ZoneId zone) {
        Objects.requireNonNull(expression, "crontab expression");
        String[] parts = Crontab.fields(expression);
        // the fields as fromArgs would be given them, without the map
        Object[] values = new Object[FIELD_TYPES.length];
        values[CronFieldType.MINUTE.ordinal()] = parts[0];
        values[CronFieldType.HOUR.ordinal()] = parts[1];
        values[CronFieldType.DAY.ordinal()] = parts[2];
        values[CronFieldType.MONTH.ordinal()] = parts[3];
        values[CronFieldType.DAY_OF_WEEK.ordinal()] = Crontab.weekdays(parts[4]);
        return new CronTrigger(new CronSchedule(parseFields(values)), zone == null ? ZoneId.systemDefault() : zone,
                null, null, null);
    }

    @Override
    public ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        // the start of the search, as seconds and nanoseconds, without making Instants on the way
        long seconds = now.toEpochSecond();
        int nanos = now.getNano();
        if (previousFireTime != null) {
            long previousSeconds = previousFireTime.toEpochSecond();
            int previousNanos = previousFireTime.getNano();
            // a microsecond after the previous fire time, unless now is earlier
            long afterSeconds = previousSeconds;
            int afterNanos = previousNanos + 1_000;
            if (afterNanos >= 1_000_000_000) {
                afterSeconds++;
                afterNanos -= 1_000_000_000;
            }
            if (seconds > afterSeconds || (seconds == afterSeconds && nanos >= afterNanos)) {
                seconds = afterSeconds;
                nanos = afterNanos;
            }
            if (seconds == previousSeconds && nanos == previousNanos) {
                nanos += 1_000;
                if (nanos >= 1_000_000_000) {
                    seconds++;
                    nanos -= 1_000_000_000;
                }
            }
        } else if (startDate != null) {
            long startSeconds = startDate.toEpochSecond();
            int startNanos = startDate.getNano();
            if (startSeconds > seconds || (startSeconds == seconds && startNanos > nanos)) {
                seconds = startSeconds;
                nanos = startNanos;
            }
        }
        // ceiling to a whole second
        long startSecond = nanos == 0 ? seconds : seconds + 1;
        ZonedDateTime fireTime;
        if (fixedOffset) {
            LocalDateTime wall = schedule.nextMatchDateTime(startSecond + offsetSeconds, searchLimitSeconds);
            // made from the wall-clock fields: no zone rules to ask, no calendar arithmetic to redo
            fireTime = wall == null ? null : ZonedDateTime.ofLocal(wall, zone, fixedZoneOffset);
        } else {
            fireTime = nextMatchingTime(startSecond);
        }
        if (fireTime == null || (endDate != null && fireTime.toEpochSecond() > endDate.toEpochSecond())) {
            return null;
        }
        if (jitter == null) {
            return fireTime;
        }
        fireTime = Jitter.apply(fireTime, jitter, now);
        return endDate != null && fireTime.isAfter(endDate) ? endDate : fireTime;
    }

    /**
     * The earliest time at or after {@code start} (epoch seconds) whose wall-clock time matches, or {@code null}. Far
     * from a transition (at least {@link #NEAR} after the last, and with the match before the next), wall-clock time
     * is the instant plus one offset and the search is arithmetic on the schedule; otherwise the exact search maps
     * wall-clock times through the zone's rules.
     */
    private ZonedDateTime nextMatchingTime(long start) {
        QuietPeriod period = quietPeriod;
        if (period == null || start < period.from || start >= period.until) {
            period = QuietPeriod.from(zone.getRules(), start);
            if (period != null) {
                quietPeriod = period;
            }
        }
        if (period != null) {
            LocalDateTime wall = schedule.nextMatchDateTime(start + period.offset.getTotalSeconds(),
                    searchLimitSeconds);
            if (wall != null && wall.toEpochSecond(period.offset) < period.until) {
                return ZonedDateTime.ofLocal(wall, zone, period.offset);
            }
        }
        Instant next = nextMatchingInstant(Instant.ofEpochSecond(start));
        return next == null ? null : next.atZone(zone);
    }

    /**
     * A stretch of time ({@code from} inclusive to {@code until} exclusive) in which the zone's offset does not change
     * and which began at least {@link #NEAR} after the last transition, so that a search from any second in it needs
     * no transition before it (as far as {@link #nextMatchingInstant} looks back).
     */
    private static final class QuietPeriod {
        final long from;
        final long until;
        final ZoneOffset offset;

        private QuietPeriod(long from, long until, ZoneOffset offset) {
            this.from = from;
            this.until = until;
            this.offset = offset;
        }

        /**
         * The quiet period from {@code second} to the next transition, or {@code null} when a transition came less
         * than {@link #NEAR} before it: one look-up of the zone's rules.
         */
        static QuietPeriod from(ZoneRules rules, long second) {
            ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(second - NEAR));
            if (next == null) {
                return new QuietPeriod(second, Long.MAX_VALUE, rules.getOffset(Instant.ofEpochSecond(second)));
            }
            // the first transition after second - NEAR: if it is after `second` too, none came in the NEAR before
            return next.toEpochSecond() > second ? new QuietPeriod(second, next.toEpochSecond(), next.getOffsetBefore())
                    : null;
        }
    }

    /**
     * The earliest instant at or after {@code start} whose wall-clock time matches the schedule. The search runs on
     * wall-clock time from {@code start}'s; where a transition makes wall-clock order and instant order differ, it also
     * looks at the wall times that come before in the one and after in the other (see architecture.md, "Cron").
     */
    private Instant nextMatchingInstant(Instant start) {
        ZoneRules rules = zone.getRules();
        LocalDateTime wallStart = LocalDateTime.ofInstant(start, zone);
        Instant next = null;
        LocalDateTime wall = schedule.nextMatch(wallStart, searchLimit);
        while (wall != null) {
            List<ZoneOffset> offsets = rules.getValidOffsets(wall);
            if (offsets.isEmpty()) {
                next = skippedWallTimeInstant(rules.getTransition(wall), wall, start);
            } else {
                next = earliestAtOrAfter(offsets, wall, start);
            }
            if (next != null) {
                break;
            }
            wall = schedule.nextMatch(wall.plusSeconds(1), searchLimit);
        }
        // The transitions from two days before `start` (no gap or overlap is longer: offsets stay within +-18 hours)
        // to the first one after it (the tz database has no transition inside another's gap or overlap): most often
        // one look-up.
        long seconds = start.getEpochSecond();
        ZoneOffsetTransition transition = rules.nextTransition(Instant.ofEpochSecond(seconds - NEAR));
        while (transition != null && transition.toEpochSecond() <= seconds + NEAR) {
            next = earlier(next, nextNearTransition(transition, start, wallStart));
            if (transition.toEpochSecond() > seconds) {
                break;
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return next;
    }

    /**
     * A match that the wall-clock search from {@code wallStart} passes over because of a transition near
     * {@code start}, or {@code null}. In the first pass of a repeated hour, wall times before {@code wallStart} come
     * round again after the transition, at the later offset. On the instants that a gap's skipped wall times map to
     * (02:30 on Berlin's spring-forward day is 01:30Z, read as 03:30), the skipped wall times from {@code start}'s at
     * the earlier offset are still to come, though before {@code wallStart}.
     */
    private Instant nextNearTransition(ZoneOffsetTransition transition, Instant start, LocalDateTime wallStart) {
        long at = transition.toEpochSecond();
        long seconds = start.getEpochSecond();
        int shift = transition.getOffsetAfter().getTotalSeconds() - transition.getOffsetBefore().getTotalSeconds();
        if (shift < 0 && seconds < at && seconds >= at + shift) {
            LocalDateTime repeated = schedule.nextMatch(transition.getDateTimeAfter(), searchLimit);
            return repeated != null && repeated.isBefore(wallStart)
                    ? repeated.toInstant(transition.getOffsetAfter())
                    : null;
        }
        if (shift > 0 && seconds >= at && seconds < at + shift) {
            LocalDateTime skipped = schedule.nextMatch(LocalDateTime.ofInstant(start, transition.getOffsetBefore()),
                    searchLimit);
            return skipped != null && skipped.isBefore(transition.getDateTimeAfter())
                    ? skipped.toInstant(transition.getOffsetBefore())
                    : null;
        }
        return null;
    }

    /**
     * Where the skipped {@code wall} fires: at the instant the offset before the gap gives, unless a wall time after
     * the gap matches and maps to an earlier instant (a gap of other than a whole hour, or one across midnight, does
     * not move every field alike: 02:15 skipped on Lord Howe's half-hour shift maps to after 02:30).
     */
    private Instant skippedWallTimeInstant(ZoneOffsetTransition gap, LocalDateTime wall, Instant start) {
        Instant instant = wall.toInstant(gap.getOffsetBefore());
        if (instant.isBefore(start)) {
            return null;
        }
        int length = gap.getOffsetAfter().getTotalSeconds() - gap.getOffsetBefore().getTotalSeconds();
        LocalDateTime gapStart = gap.getDateTimeBefore();
        if (length == 3600 && gapStart.getMinute() == 0 && gapStart.getSecond() == 0) {
            // a whole hour from a whole hour: a matching wall time h:mm:ss after the gap has its match (h-1):mm:ss in
            // the gap, on the same date or, across midnight, on the skipped one's, and that match came first
            return instant;
        }
        LocalDateTime afterGap = schedule.nextMatch(gap.getDateTimeAfter(), searchLimit);
        return afterGap != null && afterGap.isBefore(wall.plusSeconds(length))
                ? afterGap.toInstant(gap.getOffsetAfter())
                : instant;
    }

    private static Instant earliestAtOrAfter(List<ZoneOffset> offsets, LocalDateTime wall, Instant start) {
        Instant earliest = null;
        for (ZoneOffset offset : offsets) {
            Instant instant = wall.toInstant(offset);
            if (!instant.isBefore(start)) {
                earliest = earlier(earliest, instant);
            }
        }
        return earliest;
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || (candidate != null && candidate.isBefore(current)) ? candidate : current;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String type() {
        return "cron";
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> args = TriggerArguments.ordered();
        for (CronFieldType type : CronFieldType.values()) {
            CronField field = schedule.field(type);
            if (!field.isDefault()) {
                args.put(type.fieldName(), field.toString());
            }
        }
        TriggerArguments.putCommon(args, startDate, endDate, zone, jitter);
        return args;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronTrigger that && arguments().equals(that.arguments());
    }

    @Override
    public int hashCode() {
        return arguments().hashCode();
    }

    /** As APScheduler prints it: {@code cron[day='1', minute='20']}. */
    @Override
    public String toString() {
        List<String> options = new ArrayList<>();
        for (CronFieldType type : CronFieldType.values()) {
            CronField field = schedule.field(type);
            if (!field.isDefault()) {
                options.add(type.fieldName() + "='" + field + "'");
            }
        }
        return "cron[" + String.join(", ", options) + "]";
    }

    private static Set<String> argumentNames() {
        Set<String> names = new HashSet<>(Set.of("start_date", "end_date", "timezone", "jitter"));
        for (CronFieldType type : CronFieldType.values()) {
            names.add(type.fieldName());
        }
        return Set.copyOf(names);
    }
}
