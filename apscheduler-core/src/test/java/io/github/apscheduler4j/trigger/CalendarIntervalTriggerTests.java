package io.github.apscheduler4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CalendarIntervalTriggerTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZonedDateTime LONG_AGO = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, BERLIN);

    private static CalendarIntervalTrigger trigger(Object... keysAndValues) {
        Map<String, Object> args = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            args.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return CalendarIntervalTrigger.fromArgs(args, BERLIN);
    }

    private static List<String> fireTimes(Trigger trigger, int count) {
        return FireTimes.fireTimes(trigger, LONG_AGO, count).stream().map(time -> time.toOffsetDateTime().toString())
                .toList();
    }

    /** Triggers without an end, each with the first fire times it gives when asked from long ago. */
    static Stream<Arguments> firstFireTimes() {
        return Stream.of(
                arguments("firesAtSameWallTimeOnSameDayEachMonth",
                        List.of("months", 1, "hour", 3, "minute", 30, "start_date", "2026-01-15"),
                        List.of("2026-01-15T03:30+01:00", "2026-02-15T03:30+01:00", "2026-03-15T03:30+01:00")),
                arguments("keepsWallClockTimeAcrossDst",
                        List.of("days", 1, "hour", 12, "start_date", "2026-03-28"),
                        List.of("2026-03-28T12:00+01:00", "2026-03-29T12:00+02:00")),
                arguments("skipsDatesWhereWallTimeDoesNotExist",
                        List.of("days", 1, "hour", 2, "minute", 30, "start_date", "2026-03-28"),
                        List.of("2026-03-28T02:30+01:00", "2026-03-30T02:30+02:00")),
                arguments("firesAtEarlierInstantWhenWallTimeOccursTwice",
                        List.of("days", 1, "hour", 2, "minute", 30, "start_date", "2026-10-25"),
                        List.of("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00")),
                arguments("skipsMonthsThatLackTheDayOfMonth",
                        List.of("months", 1, "start_date", "2026-01-31"),
                        List.of("2026-01-31T00:00+01:00", "2026-03-31T00:00+02:00", "2026-05-31T00:00+02:00")),
                arguments("skipsYearsWithoutLeapDay",
                        List.of("years", 1, "start_date", "2024-02-29"),
                        List.of("2024-02-29T00:00+01:00", "2028-02-29T00:00+01:00")),
                arguments("addsDaysAndWeeksAfterYearsAndMonths",
                        List.of("months", 1, "weeks", 1, "days", 3, "start_date", "2026-01-10"),
                        List.of("2026-01-10T00:00+01:00", "2026-02-20T00:00+01:00", "2026-03-30T00:00+02:00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void firstFireTimes(String behaviour, List<Object> arguments, List<String> firstFireTimes) {
        CalendarIntervalTrigger trigger = trigger(arguments.toArray());

        assertThat(fireTimes(trigger, firstFireTimes.size())).containsExactlyElementsOf(firstFireTimes);
    }

    @Test
    void returnsStartDateFireTimeEvenWhenItIsInThePast() {
        CalendarIntervalTrigger trigger = trigger("days", 1, "hour", 9, "start_date", "2026-01-01");

        assertThat(trigger.nextFireTime(null, ZonedDateTime.of(2026, 6, 1, 0, 0, 0, 0, BERLIN)).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2026-01-01T09:00+01:00"));
    }

    @Test
    void readsPreviousFireTimeInTriggerZone() {
        CalendarIntervalTrigger trigger = trigger("days", 1, "hour", 0, "minute", 30, "start_date", "2026-06-01");
        // 00:30 in Berlin is still the previous day in UTC
        ZonedDateTime previousInUtc = ZonedDateTime.of(2026, 6, 1, 22, 30, 0, 0, ZoneOffset.UTC);

        assertThat(trigger.nextFireTime(previousInUtc, previousInUtc).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2026-06-03T00:30+02:00"));
    }

    @Test
    void stopsAfterEndDateInclusive() {
        CalendarIntervalTrigger trigger = trigger("weeks", 1, "start_date", "2026-06-01", "end_date", "2026-06-15");

        assertThat(fireTimes(trigger, 10))
                .containsExactly("2026-06-01T00:00+02:00", "2026-06-08T00:00+02:00", "2026-06-15T00:00+02:00");
    }

    @Test
    void finishesAfterTheYear9999() {
        CalendarIntervalTrigger trigger = trigger("years", 1, "start_date", "9998-06-01");

        assertThat(fireTimes(trigger, 10)).containsExactly("9998-06-01T00:00+02:00", "9999-06-01T00:00+02:00");
    }

    @Test
    void reducesDateTimeStartDateToItsDateInTriggerZone() {
        CalendarIntervalTrigger trigger = trigger("days", 1, "start_date", "2026-09-08T23:00:00+00:00",
                "timezone", "Asia/Kolkata");

        assertThat(trigger.startDate()).isEqualTo(LocalDate.of(2026, 9, 9));
    }

    @Test
    void takesZoneFromTimezoneOrDefaultButNotFromStartDate() {
        assertThat(trigger("days", 1, "start_date", "2026-09-08T12:00:00+05:30").zone()).isEqualTo(BERLIN);
        assertThat(trigger("days", 1, "timezone", "Asia/Kolkata").zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    @Test
    void defaultsStartDateToTodayInTriggerZone() {
        Instant lateEveningUtc = Instant.parse("2026-05-01T23:30:00Z");

        CalendarIntervalTrigger trigger = CalendarIntervalTrigger.fromArgs(Map.of("days", 1), BERLIN,
                Clock.fixed(lateEveningUtc, ZoneOffset.UTC));

        assertThat(trigger.startDate()).isEqualTo(LocalDate.of(2026, 5, 2));
    }

    @Test
    void refusesIntervalShorterThanADay() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trigger("hour", 3))
                .withMessageContaining("interval must be at least 1 day long");
    }

    @Test
    void refusesNegativeStep() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trigger("months", -1))
                .withMessageContaining("months")
                .withMessageContaining("-1");
    }

    @Test
    void refusesFractionalStep() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trigger("days", 1.5))
                .withMessageContaining("days")
                .withMessageContaining("1.5");
    }

    @Test
    void refusesTimeOfDayOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trigger("days", 1, "hour", 24))
                .withMessageContaining("hour")
                .withMessageContaining("24");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trigger("days", 1, "second", 60))
                .withMessageContaining("second")
                .withMessageContaining("60");
    }

    @Test
    void refusesEndDateBeforeStartDate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trigger("days", 1, "start_date", "2026-06-02", "end_date", "2026-06-01"))
                .withMessageContaining("end_date")
                .withMessageContaining("2026-06-01");
    }

    @Test
    void jitterDelaysByAtMostJitter() {
        Duration jitter = Duration.ofMinutes(5);
        CalendarIntervalTrigger trigger = new CalendarIntervalTrigger(0, 0, 0, 1, LocalTime.of(9, 0),
                LocalDate.of(2026, 6, 1), null, BERLIN, jitter);
        ZonedDateTime nine = ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, BERLIN);

        for (int i = 0; i < 100; i++) {
            assertThat(trigger.nextFireTime(null, LONG_AGO)).isBetween(nine, nine.plus(jitter));
        }
    }

    @Test
    void roundTripsThroughArguments() {
        CalendarIntervalTrigger trigger = new CalendarIntervalTrigger(1, 2, 3, 4, LocalTime.of(23, 59, 15),
                LocalDate.of(2026, 1, 31), LocalDate.of(2030, 12, 31), ZoneId.of("Pacific/Chatham"), Duration.ofSeconds(30));

        Trigger rebuilt = Triggers.create(trigger.type(), trigger.arguments(), ZoneOffset.UTC);

        assertThat(rebuilt).isEqualTo(trigger).hasSameHashCodeAs(trigger);
        assertThat(trigger.arguments()).containsEntry("start_date", "2026-01-31").containsEntry("timezone", "Pacific/Chatham");
    }

    @Test
    void printsIntervalAndTimeOfDay() {
        assertThat(trigger("months", 1, "hour", 3, "minute", 30)).hasToString("calendarinterval[1 month, 3:30:00]");
        assertThat(trigger("years", 2, "weeks", 1, "days", 3, "second", 15))
                .hasToString("calendarinterval[2 years, 1 week, 3 days, 0:00:15]");
    }
}
