package io.github.apscheduler4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateTriggerTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZonedDateTime RUN_DATE = ZonedDateTime.of(2026, 6, 23, 1, 34, 15, 0, NEW_YORK);

    @Test
    void firesOnceAtRunDate() {
        DateTrigger trigger = DateTrigger.at(RUN_DATE);

        assertThat(trigger.nextFireTime(null, RUN_DATE.minusDays(2))).isEqualTo(RUN_DATE);
        assertThat(trigger.nextFireTime(RUN_DATE, RUN_DATE)).isNull();
    }

    @Test
    void returnsRunDateEvenWhenItIsInThePast() {
        DateTrigger trigger = DateTrigger.at(RUN_DATE);

        assertThat(trigger.nextFireTime(null, RUN_DATE.plusYears(1))).isEqualTo(RUN_DATE);
    }

    @Test
    void readsNaiveRunDateInTriggerZone() {
        Trigger trigger = DateTrigger.fromArgs(
                Map.of("run_date", "2026-11-22 11:01:22", "timezone", "Pacific/Chatham"), ZoneOffset.UTC);

        assertThat(trigger.nextFireTime(null, RUN_DATE).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2026-11-22T11:01:22+13:45"));
    }

    @Test
    void readsNaiveRunDateInDefaultZoneWithoutTimezone() {
        Trigger trigger = DateTrigger.fromArgs(Map.of("run_date", "2026-06-23T01:34:15"), NEW_YORK);

        assertThat(trigger.nextFireTime(null, RUN_DATE)).isEqualTo(RUN_DATE);
    }

    @Test
    void acceptsEveryJavaTimeForm() {
        Instant instant = RUN_DATE.toInstant();
        List<Object> forms = List.of(instant, RUN_DATE, RUN_DATE.toOffsetDateTime(), RUN_DATE.toLocalDateTime(),
                RUN_DATE.toOffsetDateTime().toString());
        for (Object form : forms) {
            Trigger trigger = DateTrigger.fromArgs(Map.of("run_date", form, "timezone", NEW_YORK), ZoneOffset.UTC);
            assertThat(trigger.nextFireTime(null, RUN_DATE).toInstant()).as("run_date given as %s", form).isEqualTo(instant);
        }
    }

    @Test
    void readsDateOnlyRunDateAsMidnightInTriggerZone() {
        Trigger trigger = DateTrigger.fromArgs(Map.of("run_date", LocalDate.of(2026, 6, 23), "timezone", "America/New_York"),
                ZoneOffset.UTC);

        assertThat(trigger.nextFireTime(null, RUN_DATE)).isEqualTo(ZonedDateTime.of(2026, 6, 23, 0, 0, 0, 0, NEW_YORK));
    }

    @Test
    void movesWallTimeInDstGapForwardLikeApscheduler() {
        Trigger trigger = DateTrigger.fromArgs(Map.of("run_date", LocalDateTime.of(2026, 3, 8, 2, 30), "timezone", NEW_YORK),
                ZoneOffset.UTC);

        assertThat(trigger.nextFireTime(null, RUN_DATE).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2026-03-08T03:30:00-04:00"));
    }

    @Test
    void defaultsRunDateToNow() {
        Instant now = Instant.parse("2026-05-01T10:15:30Z");

        DateTrigger trigger = DateTrigger.fromArgs(Map.of("timezone", "Europe/Berlin"), ZoneOffset.UTC,
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(trigger.runDate()).isEqualTo(now.atZone(BERLIN));
    }

    @Test
    void refusesUnparseableRunDateNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DateTrigger.fromArgs(Map.of("run_date", "next tuesday"), BERLIN))
                .withMessageContaining("run_date")
                .withMessageContaining("next tuesday");
    }

    @Test
    void refusesUnknownArgumentNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DateTrigger.fromArgs(Map.of("run_at", "2026-01-01"), BERLIN))
                .withMessageContaining("run_at");
    }

    @Test
    void refusesUnknownTimezoneNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DateTrigger.fromArgs(Map.of("run_date", "2026-01-01", "timezone", "Mars/Olympus"), BERLIN))
                .withMessageContaining("timezone")
                .withMessageContaining("Mars/Olympus");
    }

    @Test
    void roundTripsThroughArguments() {
        DateTrigger trigger = DateTrigger.at(RUN_DATE.plusNanos(123_456_789));

        Trigger rebuilt = Triggers.create(trigger.type(), trigger.arguments(), ZoneOffset.UTC);

        assertThat(rebuilt).isEqualTo(trigger).hasSameHashCodeAs(trigger);
        assertThat(rebuilt.nextFireTime(null, RUN_DATE)).isEqualTo(trigger.runDate());
    }

    @Test
    void differsFromTriggerWithOtherRunDate() {
        assertThat(DateTrigger.at(RUN_DATE)).isNotEqualTo(DateTrigger.at(RUN_DATE.plusSeconds(1)));
    }

    @Test
    void printsRunDateLikeApscheduler() {
        DateTrigger trigger = DateTrigger.at(ZonedDateTime.of(2026, 11, 22, 11, 1, 22, 0, ZoneId.of("UTC")));

        assertThat(trigger).hasToString("date[2026-11-22 11:01:22 UTC]");
    }
}
