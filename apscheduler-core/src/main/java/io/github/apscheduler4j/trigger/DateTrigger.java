package io.github.apscheduler4j.trigger;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fires once, at {@code run_date}: APScheduler's {@code DateTrigger}.
 *
 * <p>With no previous fire time it returns the run date whatever the current time, so a run date in
 * the past is left to the scheduler's misfire handling; once it has fired it never fires again.
 *
 * <p>Keyword arguments: {@code run_date} (an {@link java.time.Instant}, {@link java.time.OffsetDateTime},
 * {@link ZonedDateTime}, {@link java.time.LocalDateTime}, {@link java.time.LocalDate} or ISO-8601
 * string; naive values are local to the trigger's zone; defaults to the current time) and
 * {@code timezone} (defaults to the scheduler's zone).
 */
public final class DateTrigger extends KeywordTrigger {

    static final String TYPE = "date";
    private static final Set<String> ARGUMENTS = Set.of("run_date", "timezone");
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.US);

    private final ZonedDateTime runDate;

    private DateTrigger(ZonedDateTime runDate) {
        super(TYPE);
        this.runDate = runDate;
    }

    @Override
    Map<String, Object> buildArguments() {
        Map<String, Object> args = TriggerArguments.ordered();
        args.put("run_date", TriggerArguments.format(runDate));
        args.put("timezone", runDate.getZone().getId());
        return args;
    }

    /** A trigger firing once at {@code runDate}, reported in {@code runDate}'s zone. */
    public static DateTrigger at(ZonedDateTime runDate) {
        return new DateTrigger(Objects.requireNonNull(runDate, "runDate"));
    }

    /** Builds the trigger from APScheduler's keyword arguments; a missing {@code run_date} means now. */
    public static DateTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone) {
        return fromArgs(args, defaultZone, Clock.systemUTC());
    }

    /** As {@link #fromArgs(Map, ZoneId)}, reading "now" from {@code clock} when {@code run_date} is absent. */
    public static DateTrigger fromArgs(Map<String, ?> args, ZoneId defaultZone, Clock clock) {
        TriggerArguments arguments = TriggerArguments.of(TYPE, args, ARGUMENTS);
        ZoneId zone = arguments.zone(defaultZone);
        ZonedDateTime runDate = arguments.has("run_date")
                ? arguments.dateTime("run_date", zone)
                : ZonedDateTime.now(clock.withZone(zone));
        return new DateTrigger(runDate);
    }

    public ZonedDateTime runDate() {
        return runDate;
    }

    @Override
    public ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
        return previousFireTime == null ? runDate : null;
    }





    @Override
    public String toString() {
        return "date[" + DISPLAY.format(runDate) + "]";
    }
}
