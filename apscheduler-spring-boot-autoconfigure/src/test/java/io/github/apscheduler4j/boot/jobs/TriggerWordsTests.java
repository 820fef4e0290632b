package io.github.apscheduler4j.boot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.trigger.CronTrigger;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Triggers in words, from the arguments real triggers report. */
class TriggerWordsTests {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void cronTimesOfDay() {
        assertThat(words(Triggers.create("cron", Map.of("hour", 3), UTC))).isEqualTo("every day at 03:00");
        assertThat(words(Triggers.create("cron", Map.of("hour", 6, "minute", 30), UTC))).isEqualTo("every day at 06:30");
        assertThat(words(Triggers.create("cron", Map.of("hour", 6, "minute", 30, "second", 15), UTC)))
                .isEqualTo("every day at 06:30:15");
    }

    @Test
    void cronRepetitions() {
        assertThat(words(Triggers.create("cron", Map.of("second", "*/20"), UTC))).isEqualTo("every 20 seconds");
        assertThat(words(Triggers.create("cron", Map.of("minute", "*/5"), UTC))).isEqualTo("every 5 minutes");
        assertThat(words(Triggers.create("cron", Map.of("minute", 15), UTC))).isEqualTo("every hour at minute 15");
        assertThat(words(Triggers.create("cron", Map.of("hour", "*/2", "minute", 0), UTC)))
                .isEqualTo("every 2 hours at minute 0");
        assertThat(words(Triggers.create("cron", Map.of(), UTC))).isEqualTo("every second");
    }

    @Test
    void crontabWeekdaysAndDaysOfTheMonth() {
        assertThat(words(CronTrigger.fromCrontab("* * * * 1-5", UTC))).isEqualTo("every minute, Mon to Fri");
        assertThat(words(CronTrigger.fromCrontab("* * * * 0,6", UTC))).isEqualTo("every minute, Sat and Sun");
        assertThat(words(CronTrigger.fromCrontab("0 9 1 * *", UTC))).isEqualTo("at 09:00, on day 1 of the month");
        assertThat(words(CronTrigger.fromCrontab("30 6 * * 1", UTC))).isEqualTo("at 06:30, on Mon");
    }

    @Test
    void whatHasNoSimpleWordsIsSaidAsTheFieldsSayIt() {
        assertThat(words(Triggers.create("cron", Map.of("hour", "9-17", "minute", "*/15"), UTC)))
                .isEqualTo("at hour 9-17, minute */15, second 0");
    }

    @Test
    void intervals() {
        assertThat(words(Triggers.create("interval", Map.of("seconds", 10), UTC))).isEqualTo("every 10 seconds");
        assertThat(words(Triggers.create("interval", Map.of("minutes", 1), UTC))).isEqualTo("every minute");
        assertThat(words(Triggers.create("interval", Map.of("hours", 1, "minutes", 30), UTC)))
                .isEqualTo("every 1 hour 30 minutes");
        assertThat(words(Triggers.create("interval", Map.of("minutes", 1, "jitter", 5), UTC)))
                .isEqualTo("every minute, up to 5 seconds late");
    }

    @Test
    void calendarIntervalsDatesAndCombinations() {
        assertThat(words(Triggers.create("calendarinterval", Map.of("months", 1, "hour", 9, "start_date", "2026-07-01"), UTC)))
                .isEqualTo("every month at 09:00, from 2026-07-01");
        assertThat(words(Triggers.create("date", Map.of("run_date", "2026-07-01T10:00:00Z"), UTC)))
                .isEqualTo("once, at 2026-07-01 10:00:00 UTC");
        assertThat(words(Triggers.create("or", Map.of("triggers", List.of(
                Map.of("type", "cron", "args", Map.of("hour", 3)),
                Map.of("type", "interval", "args", Map.of("hours", 2)))), UTC)))
                .isEqualTo("when any of: every day at 03:00; every 2 hours");
    }

    @Test
    void anUnknownTypeOrShapeKeepsTheDescription() {
        assertThat(TriggerWords.describe("lunar", Map.of("phase", "full"), "lunar[full]")).isEqualTo("lunar[full]");
        assertThat(TriggerWords.describe("and", Map.of("triggers", "not a list"), "and[?]")).isEqualTo("and[?]");
    }

    private static String words(Trigger trigger) {
        return TriggerWords.describe(trigger.type(), trigger.arguments(), trigger.toString());
    }
}
