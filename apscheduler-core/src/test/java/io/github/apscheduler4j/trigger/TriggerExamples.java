package io.github.apscheduler4j.trigger;

import java.util.List;
import java.util.Map;

/** Keyword arguments of one trigger of every alias in {@link Triggers#TYPES}, for what must hold for each of them. */
public final class TriggerExamples {

    private static final Map<String, Map<String, Object>> ARGUMENTS = Map.of(
            "date", Map.of("run_date", "2026-11-22 11:01:22", "timezone", "Pacific/Chatham"),
            "interval", Map.of("seconds", 3.5, "start_date", "2026-01-01T00:00:00+01:00", "jitter", 2),
            "cron", Map.of("day_of_week", "mon-fri", "hour", 9, "end_date", "2027-01-01"),
            "calendarinterval", Map.of("months", 1, "hour", 3, "minute", 30, "start_date", "2026-01-31"),
            "crontab", Map.of("expr", "*/5 9-17 * * 1-5", "timezone", "America/New_York"),
            // the interval starts on an even hour, so that the two coincide every six hours
            "and", Map.of("triggers", List.of(Map.of("type", "cron", "args", Map.of("hour", "*/2")),
                    Map.of("type", "interval", "args", Map.of("hours", 3, "start_date", "2026-01-01T00:00:00Z")))),
            "or", Map.of("triggers", List.of(Map.of("type", "crontab", "args", Map.of("expr", "0 9 * * *")),
                    Map.of("type", "date", "args", Map.of("run_date", "2026-12-24"))), "jitter", "PT0.5S"));

    private TriggerExamples() {
    }

    /** The example arguments of alias {@code type}. */
    public static Map<String, Object> argumentsOf(String type) {
        return ARGUMENTS.get(type);
    }
}
