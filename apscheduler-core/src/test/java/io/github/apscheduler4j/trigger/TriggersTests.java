package io.github.apscheduler4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.apscheduler4j.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TriggersTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void createsTriggerOfEveryAlias() {
        for (String type : Triggers.TYPES) {
            Trigger trigger = Triggers.create(type, TriggerExamples.argumentsOf(type), BERLIN);
            assertThat(trigger.type()).as("type of %s", type).isEqualTo(type.equals("crontab") ? "cron" : type);
        }
    }

    @Test
    void rebuildsEqualTriggerFromTypeAndArgumentsThroughJson() {
        JsonMapper json = JsonMapper.builder().build();
        for (String type : Triggers.TYPES) {
            Trigger trigger = Triggers.create(type, TriggerExamples.argumentsOf(type), BERLIN);
            @SuppressWarnings("unchecked")
            Map<String, Object> stored = json.readValue(json.writeValueAsString(trigger.arguments()), Map.class);

            Trigger rebuilt = Triggers.create(trigger.type(), stored, ZoneId.of("UTC"));

            assertThat(rebuilt).as("%s rebuilt from %s", trigger, stored).isEqualTo(trigger);
            ZonedDateTime now = ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, BERLIN);
            if (!trigger.arguments().containsKey("jitter")) {
                assertThat(rebuilt.nextFireTime(null, now)).isEqualTo(trigger.nextFireTime(null, now));
            }
        }
    }

    @Test
    void refusesUnknownTypeListingTheKnownOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Triggers.create("weekly", Map.of(), BERLIN))
                .withMessage("No trigger by the name \"weekly\" was found; known triggers: "
                        + "and, calendarinterval, cron, crontab, date, interval, or");
    }

    @Test
    void refusesMissingType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Triggers.create(null, Map.of(), BERLIN))
                .withMessageContaining("known triggers");
    }

    @Test
    void crontabTakesTimezoneOrDefaultZone() {
        CronTrigger withZone = (CronTrigger) Triggers.create("crontab",
                Map.of("expr", "0 9 * * *", "timezone", "Asia/Kolkata"), BERLIN);
        CronTrigger withoutZone = (CronTrigger) Triggers.create("crontab", Map.of("expr", "0 9 * * *"), BERLIN);

        assertThat(withZone.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(withoutZone.zone()).isEqualTo(BERLIN);
    }

    @Test
    void crontabRefusesMissingExpression() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Triggers.create("crontab", Map.of("timezone", "UTC"), BERLIN))
                .withMessageContaining("expr");
    }

    @Test
    void crontabRefusesUnknownArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Triggers.create("crontab", Map.of("expr", "* * * * *", "hour", 3), BERLIN))
                .withMessageContaining("hour");
    }

    @Test
    void toleratesMissingArguments() {
        assertThat(Triggers.create("date", null, BERLIN)).isInstanceOf(DateTrigger.class);
    }

    @Test
    void createAsOfTakesWhatTheArgumentsLeaveToTheClockFromTheEarlierTrigger() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"), BERLIN);
        List<Map<String, Object>> declarations = List.of(
                Map.of("type", "interval", "args", Map.of("minutes", 5)),
                Map.of("type", "calendarinterval", "args", Map.of("months", 1, "hour", 9)),
                Map.of("type", "date", "args", Map.of()),
                Map.of("type", "or", "args", Map.of("triggers", List.of(
                        Map.of("type", "interval", "args", Map.of("hours", 1)),
                        Map.of("type", "cron", "args", Map.of("hour", 3))))));
        for (Map<String, Object> declaration : declarations) {
            String type = (String) declaration.get("type");
            @SuppressWarnings("unchecked")
            Map<String, Object> args = (Map<String, Object>) declaration.get("args");
            clock.set(Instant.parse("2026-03-01T10:00:00Z"));
            Trigger earlier = Triggers.create(type, args, BERLIN, clock);
            clock.advance(Duration.ofDays(3).plusMinutes(7));

            Trigger asOf = Triggers.createAsOf(type, args, BERLIN, clock, earlier);

            assertThat(asOf).as("%s declared as %s, three days later", type, args).isEqualTo(earlier);
            assertThat(Triggers.create(type, args, BERLIN, clock)).as("%s built anew", type).isNotEqualTo(earlier);
        }
    }

    @Test
    void createAsOfKeepsWhatTheArgumentsGiveAndTheirZone() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"), BERLIN);
        Trigger earlier = Triggers.create("interval", Map.of("minutes", 5), BERLIN, clock);
        clock.advance(Duration.ofHours(1));

        Trigger otherInterval = Triggers.createAsOf("interval", Map.of("minutes", 10), BERLIN, clock, earlier);
        Trigger otherZone = Triggers.createAsOf("interval", Map.of("minutes", 5), ZoneId.of("UTC"), clock, earlier);
        Trigger otherType = Triggers.createAsOf("cron", Map.of("minute", "*/5"), BERLIN, clock, earlier);

        assertThat(otherInterval.arguments()).containsEntry("start_date", earlier.arguments().get("start_date"))
                .containsEntry("timezone", "Europe/Berlin");
        assertThat(otherZone.arguments()).containsEntry("timezone", "UTC");
        assertThat(otherZone).isNotEqualTo(earlier);
        assertThat(otherType).isEqualTo(Triggers.create("cron", Map.of("minute", "*/5"), BERLIN));
    }
}
