package io.github.apscheduler4j.benchmarks.cron;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.github.apscheduler4j.trigger.CronTrigger;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import org.springframework.scheduling.support.CronExpression;

/**
 * The cron expressions measured, each written in every library's dialect, and the start times the next fire time
 * is asked from. Every library gets the same instants, in the expression's zone.
 */
public enum CronCase {

    EVERY_5_S("every 5 s", "UTC", Map.of("second", "*/5"),
            "0/5 * * * * ?", "*/5 * * * * *", "0/5 * * * * ?"),
    DAY_1_MINUTE_20("day 1, minute 20", "UTC", Map.of("day", 1, "minute", 20),
            "0 20 * 1 * ?", "0 20 * 1 * *", "0 20 * 1 * ?"),
    WEEKDAYS_9_17_EVERY_15("weekdays 9-17 every 15 min", "UTC",
            ordered("day_of_week", "mon-fri", "hour", "9-17", "minute", "*/15"),
            "0 0/15 9-17 ? * MON-FRI", "0 */15 9-17 * * MON-FRI", "0 0/15 9-17 ? * MON-FRI"),
    LAST_DAY_OF_MONTH("last day of month, 00:00", "UTC", Map.of("day", "last"),
            "0 0 0 L * ?", "0 0 0 L * *", "0 0 0 L * ?"),
    SECOND_FRIDAY("second Friday, 00:00", "UTC", Map.of("day", "2nd fri"),
            "0 0 0 ? * 6#2", "0 0 0 * * FRI#2", "0 0 0 ? * 6#2"),
    FEB_29_NOON("29 Feb, 12:00", "UTC", ordered("month", 2, "day", 29, "hour", 12),
            "0 0 12 29 2 ?", "0 0 12 29 2 *", "0 0 12 29 2 ?"),
    BERLIN_DST("02:30 daily, Europe/Berlin, across DST", "Europe/Berlin", ordered("hour", 2, "minute", 30),
            "0 30 2 * * ?", "0 30 2 * * *", "0 30 2 * * ?"),
    QUARTER_HOURS_CRONTAB("minutes 0,15,30,45 (crontab)", "UTC", "0,15,30,45 * * * *",
            "0 0,15,30,45 * * * ?", "0 0,15,30,45 * * * *", "0 0,15,30,45 * * * ?");

    /** How many start times each case cycles through. A power of two. */
    public static final int STARTS = 64;

    private final String label;
    private final ZoneId zone;
    private final Map<String, Object> apsArgs;
    // this project's crontab string, for the cases given as one (CronTrigger.fromCrontab), else null
    private final String crontab;
    private final String quartz;
    private final String spring;
    private final String cronUtils;

    CronCase(String label, String zone, Map<String, ?> apsArgs, String quartz, String spring, String cronUtils) {
        this(label, zone, apsArgs, null, quartz, spring, cronUtils);
    }

    CronCase(String label, String zone, String crontab, String quartz, String spring, String cronUtils) {
        this(label, zone, Map.of(), crontab, quartz, spring, cronUtils);
    }

    private CronCase(String label, String zone, Map<String, ?> apsArgs, String crontab, String quartz, String spring,
            String cronUtils) {
        this.label = label;
        this.zone = ZoneId.of(zone);
        this.apsArgs = new LinkedHashMap<>(apsArgs);
        this.apsArgs.put("timezone", zone);
        this.crontab = crontab;
        this.quartz = quartz;
        this.spring = spring;
        this.cronUtils = cronUtils;
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public String label() {
        return label;
    }

    public ZoneId zone() {
        return zone;
    }

    /** How this project is given the case: its keyword arguments, or its crontab string. */
    public String apsText() {
        return crontab != null ? "crontab '" + crontab + "'" : apsArgs.toString();
    }

    public String quartzText() {
        return quartz;
    }

    public String springText() {
        return spring;
    }

    public String cronUtilsText() {
        return cronUtils;
    }

    /**
     * This project's trigger, built as the scheduler builds it from a job's arguments: the keyword arguments (zone
     * name included) through {@link CronTrigger#fromArgs}, or the crontab string through {@link CronTrigger#fromCrontab}.
     */
    public CronTrigger aps() {
        return crontab != null ? CronTrigger.fromCrontab(crontab, zone) : CronTrigger.fromArgs(apsArgs, zone);
    }

    public org.quartz.CronExpression quartz() {
        try {
            org.quartz.CronExpression expression = new org.quartz.CronExpression(quartz);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (ParseException e) {
            throw new IllegalArgumentException(quartz, e);
        }
    }

    public CronExpression spring() {
        return CronExpression.parse(spring);
    }

    public ExecutionTime cronUtils() {
        return ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ))
                .parse(cronUtils));
    }

    /**
     * The instants the next fire time is asked from, whole seconds, drawn with a fixed seed: anywhere in 2026, or for
     * the DST case within the day before each of Berlin's two switches of 2026 (so that every answer is the 02:30
     * that does not exist on 29 March, or the one that occurs twice on 25 October).
     */
    public Instant[] starts() {
        Random random = new Random(20261124L + ordinal());
        Instant[] starts = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            if (this == BERLIN_DST) {
                LocalDateTime from = i % 2 == 0 ? LocalDateTime.of(2026, 3, 28, 2, 31) : LocalDateTime.of(2026, 10, 24, 2, 31);
                starts[i] = from.atZone(zone).toInstant().plusSeconds(random.nextInt(22 * 3600));
            } else {
                starts[i] = LocalDateTime.of(2026, 1, 1, 0, 0).toInstant(ZoneOffset.UTC)
                        .plusSeconds(random.nextInt(365 * 24 * 3600));
            }
        }
        return starts;
    }
}
