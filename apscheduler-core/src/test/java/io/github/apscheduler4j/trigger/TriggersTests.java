package io.github.apscheduler4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.ZoneId;
import java.time.ZonedDateTime;
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
}
