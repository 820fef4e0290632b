package io.github.apscheduler4j.trigger;

import static io.github.apscheduler4j.trigger.FireTimes.fireTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombiningTriggerTests {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, UTC);

    private static IntervalTrigger every(Duration interval) {
        return new IntervalTrigger(interval, START, null, null);
    }

    private static CronTrigger cron(Map<String, ?> args) {
        return CronTrigger.fromArgs(args, UTC);
    }

    @Test
    void orFiresAtEarliestOfItsTriggers() {
        OrTrigger trigger = new OrTrigger(List.of(cron(Map.of("second", "*/3")), cron(Map.of("second", "*/5"))));

        assertThat(fireTimes(trigger, START.plusNanos(1), 5)).containsExactly(START.plusSeconds(3), START.plusSeconds(5),
                START.plusSeconds(6), START.plusSeconds(9), START.plusSeconds(10));
    }

    @Test
    void orFinishesWhenAllItsTriggersFinish() {
        OrTrigger trigger = new OrTrigger(List.of(
                cron(Map.of("minute", "*/30", "end_date", "2026-01-01T01:00:00Z")),
                cron(Map.of("minute", "*/40", "end_date", "2026-01-01T01:20:00Z"))));

        assertThat(fireTimes(trigger, START, 10)).containsExactly(START, START.plusMinutes(30), START.plusMinutes(40),
                START.plusMinutes(60));
    }

    @Test
    void orAsksEveryTriggerWithTheCombinedPreviousFireTimeLikeApscheduler() {
        // so an interval trigger counts from the last fire of any trigger, and a date trigger is
        // finished once any trigger has fired
        OrTrigger intervals = new OrTrigger(List.of(every(Duration.ofSeconds(3)), every(Duration.ofSeconds(5))));
        OrTrigger dateAndInterval = new OrTrigger(List.of(DateTrigger.at(START.plusHours(1)), every(Duration.ofMinutes(40))));

        assertThat(fireTimes(intervals, START.plusNanos(1), 3))
                .containsExactly(START.plusSeconds(3), START.plusSeconds(6), START.plusSeconds(9));
        assertThat(fireTimes(dateAndInterval, START, 3))
                .containsExactly(START, START.plusMinutes(40), START.plusMinutes(80));
    }

    @Test
    void andFiresWhenAllTriggersAgree() {
        AndTrigger trigger = new AndTrigger(List.of(every(Duration.ofHours(2)), every(Duration.ofHours(3))));

        assertThat(fireTimes(trigger, START.plusMinutes(1), 3))
                .containsExactly(START.plusHours(6), START.plusHours(12), START.plusHours(18));
    }

    @Test
    void andMovesPastPreviousFireTimeWithCronTriggers() {
        AndTrigger trigger = new AndTrigger(List.of(cron(Map.of("hour", "*/2")), cron(Map.of("hour", "*/3"))));

        assertThat(fireTimes(trigger, START.plusMinutes(30), 4)).containsExactly(START.plusHours(6),
                START.plusHours(12), START.plusHours(18), START.plusHours(24));
    }

    @Test
    void andFinishesQuicklyWhenTriggersNeverCoincide() {
        AndTrigger trigger = new AndTrigger(List.of(cron(Map.of("month", "jul", "day", 5)),
                cron(Map.of("hour", 17, "minute", 22))));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(trigger.nextFireTime(null, START)).isNull());
    }

    @Test
    void andFinishesWhenAnyTriggerFinishes() {
        AndTrigger trigger = new AndTrigger(List.of(DateTrigger.at(START.plusHours(4)), every(Duration.ofHours(2))));

        assertThat(fireTimes(trigger, START, 10)).containsExactly(START.plusHours(4));
    }

    @Test
    void andStepsTriggersThatIgnoreNowUpToTheOthers() {
        // a calendar-interval trigger answers its start date whatever now is; the cron trigger's Sunday must still be found
        CalendarIntervalTrigger daily = new CalendarIntervalTrigger(0, 0, 0, 1, LocalTime.NOON, LocalDate.of(2026, 1, 1),
                null, UTC, null);
        AndTrigger trigger = new AndTrigger(List.of(daily, cron(Map.of("day_of_week", "sun", "hour", 12))));

        assertThat(trigger.nextFireTime(null, ZonedDateTime.of(2026, 3, 10, 0, 0, 0, 0, UTC)))
                .isEqualTo(ZonedDateTime.of(2026, 3, 15, 12, 0, 0, 0, UTC));
    }

    @Test
    void jitterNeverFiresBeforeNowAndDelaysByAtMostJitter() {
        Duration jitter = Duration.ofSeconds(2);
        OrTrigger or = new OrTrigger(List.of(every(Duration.ofSeconds(10))), jitter);
        AndTrigger and = new AndTrigger(List.of(every(Duration.ofSeconds(10)), every(Duration.ofSeconds(5))), jitter);

        for (int i = 0; i < 100; i++) {
            ZonedDateTime now = START.plusSeconds(i);
            ZonedDateTime unjittered = START.plusSeconds((i + 9) / 10 * 10L);
            assertThat(or.nextFireTime(null, now)).isAfterOrEqualTo(now).isBetween(unjittered, unjittered.plus(jitter));
            assertThat(and.nextFireTime(null, now)).isAfterOrEqualTo(now).isBetween(unjittered, unjittered.plus(jitter));
        }
    }

    @Test
    void buildsNestedTriggersWithTheDefaultZone() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        OrTrigger trigger = OrTrigger.fromArgs(Map.of("triggers", List.of(
                Map.of("type", "interval", "args", Map.of("hours", 1, "start_date", "2026-01-01T00:00:00")),
                Map.of("type", "calendarinterval", "args", Map.of("days", 1)))), kolkata);

        assertThat(((IntervalTrigger) trigger.triggers().get(0)).zone()).isEqualTo(kolkata);
        assertThat(((CalendarIntervalTrigger) trigger.triggers().get(1)).zone()).isEqualTo(kolkata);
    }

    @Test
    void roundTripsThroughArguments() {
        AndTrigger and = new AndTrigger(List.of(every(Duration.ofHours(2)), cron(Map.of("hour", "*/3"))),
                Duration.ofSeconds(5));
        OrTrigger or = new OrTrigger(List.of(and, DateTrigger.at(START),
                new CalendarIntervalTrigger(0, 1, 0, 0, LocalTime.of(3, 30), LocalDate.of(2026, 1, 31), null, UTC, null)));

        Trigger rebuilt = Triggers.create(or.type(), or.arguments(), ZoneId.of("Asia/Kolkata"));

        assertThat(rebuilt).isEqualTo(or).hasSameHashCodeAs(or);
        assertThat(and.arguments()).containsEntry("jitter", 5L);
    }

    @Test
    void printsNestedTriggersLikeApscheduler() {
        OrTrigger or = new OrTrigger(List.of(every(Duration.ofSeconds(3)),
                new AndTrigger(List.of(every(Duration.ofHours(1)), every(Duration.ofDays(1))))));

        assertThat(or).hasToString("or[interval[0:00:03], and[interval[1:00:00], interval[1 day, 0:00:00]]]");
    }

    @Test
    void refusesEmptyTriggerList() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AndTrigger.fromArgs(Map.of("triggers", List.of()), UTC))
                .withMessageContaining("triggers");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OrTrigger(List.of()))
                .withMessageContaining("triggers");
    }

    @Test
    void refusesTriggersThatAreNotAList() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OrTrigger.fromArgs(Map.of("triggers", "cron"), UTC))
                .withMessageContaining("triggers");
    }

    @Test
    void refusesNestedTriggerWithoutType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OrTrigger.fromArgs(Map.of("triggers", List.of(Map.of("args", Map.of("hours", 1)))), UTC))
                .withMessageContaining("triggers[0]");
    }

    @Test
    void namesTheNestedArgumentAtFault() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AndTrigger.fromArgs(Map.of("triggers", List.of(
                        Map.of("type", "interval", "args", Map.of("hours", 1)),
                        Map.of("type", "interval", "args", Map.of("minutes", -1)))), UTC))
                .withMessageContaining("triggers[1]")
                .withMessageContaining("minutes")
                .withMessageContaining("-1");
    }

    @Test
    void refusesUnknownArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OrTrigger.fromArgs(Map.of("triggers", List.of(Map.of("type", "date")), "timezone", "UTC"), UTC))
                .withMessageContaining("timezone");
    }
}
