package io.github.apscheduler4j.trigger;

import static io.github.apscheduler4j.trigger.FireTimes.fireTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalTriggerTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, BERLIN);

    @Test
    void firesEveryIntervalFromStartDate() {
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofMinutes(90), START, null, null);

        assertThat(fireTimes(trigger, START.minusHours(1), 3))
                .containsExactly(START, START.plusMinutes(90), START.plusMinutes(180));
    }

    @Test
    void firstFireTimeIsNextMultipleOfIntervalAtOrAfterNow() {
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofSeconds(10), START, null, null);

        assertThat(trigger.nextFireTime(null, START.plusSeconds(25))).isEqualTo(START.plusSeconds(30));
        assertThat(trigger.nextFireTime(null, START.plusSeconds(30))).isEqualTo(START.plusSeconds(30));
        assertThat(trigger.nextFireTime(null, START.plusSeconds(30).plusNanos(1))).isEqualTo(START.plusSeconds(40));
    }

    @Test
    void nextFireTimeIsPreviousPlusIntervalWhateverNow() {
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofHours(1), START, null, null);

        assertThat(trigger.nextFireTime(START.plusHours(5), START.plusDays(3))).isEqualTo(START.plusHours(6));
    }

    @Test
    void keepsAbsoluteIntervalAcrossDst() {
        ZonedDateTime beforeSpringForward = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, BERLIN);
        Trigger trigger = IntervalTrigger.fromArgs(
                Map.of("days", 1, "start_date", beforeSpringForward.toOffsetDateTime().toString(), "timezone", "Europe/Berlin"),
                ZoneOffset.UTC);

        ZonedDateTime second = fireTimes(trigger, beforeSpringForward, 2).get(1);

        assertThat(second.toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2026-03-29T13:00:00+02:00"));
        assertThat(second.getZone()).isEqualTo(BERLIN);
    }

    @Test
    void sumsFractionalUnitsExactly() {
        IntervalTrigger trigger = IntervalTrigger.fromArgs(
                Map.of("hours", 1.5, "seconds", "0.1", "start_date", "2026-06-01T12:00:00+02:00"), ZoneOffset.UTC);

        assertThat(trigger.interval()).isEqualTo(Duration.ofMinutes(90).plusMillis(100));
    }

    @Test
    void sumsAllUnits() {
        IntervalTrigger trigger = IntervalTrigger.fromArgs(
                Map.of("weeks", 1, "days", 2, "hours", 3, "minutes", 4, "seconds", 5), ZoneOffset.UTC);

        assertThat(trigger.interval()).isEqualTo(Duration.ofDays(9).plusHours(3).plusMinutes(4).plusSeconds(5));
    }

    @Test
    void treatsZeroIntervalAsOneSecondLikeApscheduler() {
        IntervalTrigger trigger = IntervalTrigger.fromArgs(Map.of("start_date", "2026-06-01T12:00:00+02:00"), ZoneOffset.UTC);

        assertThat(trigger.interval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void defaultsStartDateToNowPlusInterval() {
        Instant now = Instant.parse("2026-05-01T10:15:30Z");

        IntervalTrigger trigger = IntervalTrigger.fromArgs(Map.of("minutes", 5, "timezone", "Europe/Berlin"),
                ZoneOffset.UTC, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(trigger.startDate()).isEqualTo(now.plusSeconds(300).atZone(BERLIN));
        assertThat(trigger.nextFireTime(null, now.atZone(BERLIN))).isEqualTo(trigger.startDate());
    }

    @Test
    void takesZoneFromTimezoneElseStartDateOffsetElseDefault() {
        assertThat(IntervalTrigger.fromArgs(Map.of("seconds", 1, "timezone", "Asia/Kolkata",
                "start_date", "2026-06-01T12:00:00+02:00"), BERLIN).zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(IntervalTrigger.fromArgs(Map.of("seconds", 1, "start_date", "2026-06-01T12:00:00+02:00"), BERLIN).zone())
                .isEqualTo(ZoneOffset.ofHours(2));
        assertThat(IntervalTrigger.fromArgs(Map.of("seconds", 1, "start_date", "2026-06-01T12:00:00"), BERLIN).zone())
                .isEqualTo(BERLIN);
    }

    @Test
    void expressesFireTimesInTriggerZone() {
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofHours(1), START, null, null);

        ZonedDateTime next = trigger.nextFireTime(null, START.withZoneSameInstant(ZoneOffset.UTC).plusMinutes(1));

        assertThat(next.getZone()).isEqualTo(BERLIN);
        assertThat(next).isEqualTo(START.plusHours(1));
    }

    @Test
    void stopsAfterEndDateInclusive() {
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofHours(1), START, START.plusHours(2), null);

        assertThat(fireTimes(trigger, START, 10)).containsExactly(START, START.plusHours(1), START.plusHours(2));
        assertThat(trigger.nextFireTime(null, START.plusHours(2).plusSeconds(1))).isNull();
    }

    @Test
    void refusesNegativeInterval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalTrigger.fromArgs(Map.of("hours", 1, "minutes", -5), BERLIN))
                .withMessageContaining("minutes")
                .withMessageContaining("-5");
    }

    @Test
    void refusesNonNumericInterval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalTrigger.fromArgs(Map.of("seconds", "ten"), BERLIN))
                .withMessageContaining("seconds")
                .withMessageContaining("ten");
    }

    @Test
    void refusesAbsurdlyLongInterval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalTrigger.fromArgs(Map.of("weeks", 1e12), BERLIN))
                .withMessageContaining("weeks");
    }

    @Test
    void refusesEndDateBeforeStartDate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalTrigger.fromArgs(Map.of("seconds", 5,
                        "start_date", "2026-06-01T12:00:00+02:00", "end_date", "2026-06-01T11:00:00+02:00"), BERLIN))
                .withMessageContaining("end_date")
                .withMessageContaining("2026-06-01T11:00:00+02:00");
    }

    @Test
    void refusesUnknownArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalTrigger.fromArgs(Map.of("second", 5), BERLIN))
                .withMessageContaining("second");
    }

    @Test
    void jitterDelaysByAtMostJitterAndNeverFiresBeforeNow() {
        Duration jitter = Duration.ofSeconds(10);
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofMinutes(1), START, null, jitter);

        for (int i = 0; i < 200; i++) {
            ZonedDateTime now = START.plusSeconds(i);
            ZonedDateTime unjittered = START.plusMinutes((i + 59) / 60);
            ZonedDateTime next = trigger.nextFireTime(null, now);
            assertThat(next).isAfterOrEqualTo(now).isAfterOrEqualTo(unjittered).isBeforeOrEqualTo(unjittered.plus(jitter));
        }
    }

    @Test
    void equalsTriggerWithSameIntervalWrittenDifferently() {
        Map<String, Object> common = Map.of("start_date", "2026-06-01T12:00:00+02:00", "timezone", "Europe/Berlin");
        Map<String, Object> ninetyMinutes = new java.util.HashMap<>(common);
        ninetyMinutes.put("minutes", 90);
        Map<String, Object> hourAndHalf = new java.util.HashMap<>(common);
        hourAndHalf.put("hours", 1);
        hourAndHalf.put("minutes", 30);

        assertThat(IntervalTrigger.fromArgs(ninetyMinutes, BERLIN))
                .isEqualTo(IntervalTrigger.fromArgs(hourAndHalf, BERLIN))
                .hasSameHashCodeAs(IntervalTrigger.fromArgs(hourAndHalf, BERLIN));
    }

    @Test
    void roundTripsThroughArguments() {
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofDays(8).plusHours(3).plusSeconds(7).plusNanos(123_456_789),
                START, START.plusYears(1), Duration.ofMillis(1500));

        Trigger rebuilt = Triggers.create(trigger.type(), trigger.arguments(), ZoneOffset.UTC);

        assertThat(rebuilt).isEqualTo(trigger);
        assertThat(((IntervalTrigger) rebuilt).interval()).isEqualTo(trigger.interval());
        assertThat(trigger.arguments()).containsEntry("weeks", 1L).containsEntry("days", 1L)
                .containsEntry("hours", 3L).containsEntry("seconds", 7.123456789).containsEntry("jitter", "PT1.5S");
    }

    @Test
    void printsIntervalLikePythonTimedelta() {
        assertThat(new IntervalTrigger(Duration.ofSeconds(3), START, null, null)).hasToString("interval[0:00:03]");
        assertThat(new IntervalTrigger(Duration.ofHours(26), START, null, null)).hasToString("interval[1 day, 2:00:00]");
        assertThat(new IntervalTrigger(Duration.ofDays(14).plusMillis(500), START, null, null))
                .hasToString("interval[14 days, 0:00:00.500000]");
    }
}
