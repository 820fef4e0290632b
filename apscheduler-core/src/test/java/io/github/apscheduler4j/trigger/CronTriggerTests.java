package io.github.apscheduler4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apscheduler4j.trigger.cron.CronExpressionException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CronTriggerTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<Instant> fireTimes(Trigger trigger, String start, int count) {
        return FireTimes.fireTimes(trigger, ZonedDateTime.parse(start), count).stream().map(ZonedDateTime::toInstant)
                .toList();
    }

    private static List<Instant> instants(String... values) {
        return java.util.Arrays.stream(values).map(Instant::parse).toList();
    }

    @Test
    void fillsLessSignificantFieldsWithTheirMinimumAndMoreSignificantOnesWithStar() {
        CronTrigger trigger = CronTrigger.fromArgs(Map.of("day", 1, "minute", 20), UTC);

        assertThat(trigger).hasToString("cron[day='1', minute='20']");
        assertThat(fireTimes(trigger, "2026-02-18T12:00:00Z", 3)).isEqualTo(instants(
                "2026-03-01T00:20:00Z", "2026-03-01T01:20:00Z", "2026-03-01T02:20:00Z"));
    }

    @Test
    void firesTwiceAtAWallTimeThatOccursTwice() {
        CronTrigger trigger = CronTrigger.fromArgs(Map.of("hour", 2, "minute", 30, "timezone", "Europe/Berlin"), UTC);

        assertThat(fireTimes(trigger, "2026-10-24T12:00:00Z", 3)).isEqualTo(instants(
                "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-26T01:30:00Z"));
    }

    @Test
    void firesANonexistentWallTimeAtThePreTransitionOffset() {
        CronTrigger trigger = CronTrigger.fromArgs(Map.of("hour", 2, "minute", 30, "timezone", "Europe/Berlin"), UTC);

        assertThat(fireTimes(trigger, "2026-03-28T12:00:00Z", 2)).isEqualTo(instants(
                "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"));
    }

    @Test
    void firesOnceWhereTheShiftedGapTimeMeetsARealOne() {
        CronTrigger trigger = CronTrigger.fromArgs(Map.of("minute", 30, "timezone", "Europe/Berlin"), UTC);

        assertThat(fireTimes(trigger, "2026-03-29T00:00:00Z", 3)).isEqualTo(instants(
                "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-03-29T02:30:00Z"));
    }

    @Test
    void returnsToTheRepeatedHourWhenStartingInItsFirstPass() {
        CronTrigger trigger = CronTrigger.fromArgs(Map.of("hour", 2, "minute", 10, "timezone", "Europe/Berlin"), UTC);

        // 02:50 CEST is the first pass; 02:10 CET, after the clocks go back, is still to come
        assertThat(trigger.nextFireTime(null, ZonedDateTime.parse("2026-10-25T02:50:00+02:00[Europe/Berlin]"))
                .toInstant()).isEqualTo(Instant.parse("2026-10-25T01:10:00Z"));
    }

    @Test
    void readsCrontabWeekdaysWithSundayAsZeroOrSeven() {
        ZoneId zone = UTC;

        assertThat(CronTrigger.fromCrontab("0 9 * * 1-5", zone).arguments()).containsEntry("day_of_week",
                "mon,tue,wed,thu,fri");
        assertThat(CronTrigger.fromCrontab("0 9 * * 0", zone).arguments()).containsEntry("day_of_week", "sun");
        assertThat(CronTrigger.fromCrontab("0 9 * * 7", zone).arguments()).containsEntry("day_of_week", "sun");
        assertThat(CronTrigger.fromCrontab("0 9 * * 5-7", zone).arguments()).containsEntry("day_of_week",
                "fri,sat,sun");
        assertThat(CronTrigger.fromCrontab("0 9 * * */2", zone).arguments()).containsEntry("day_of_week",
                "tue,thu,sat,sun");
        assertThat(fireTimes(CronTrigger.fromCrontab("0 9 * * 0", zone), "2026-11-23T00:00:00Z", 1))
                .isEqualTo(instants("2026-11-29T09:00:00Z"));
    }

    @Test
    void requiresBothDayOfMonthAndDayOfWeekWhenBothAreRestricted() {
        CronTrigger fridayThe13th = CronTrigger.fromCrontab("0 0 13 * 5", UTC);

        assertThat(fireTimes(fridayThe13th, "2026-01-01T00:00:00Z", 2)).isEqualTo(instants(
                "2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z"));
    }

    @Test
    void namesTheFieldAndTheValueInEveryError() {
        assertThatThrownBy(() -> CronTrigger.fromArgs(Map.of("hour", 25), UTC))
                .isInstanceOf(CronExpressionException.class)
                .hasMessage("cron field 'hour': value 25 is outside 0-23");
        assertThatThrownBy(() -> CronTrigger.fromArgs(Map.of("hour", "9-11/3"), UTC))
                .hasMessage("cron field 'hour': step 3 in '9-11/3' is larger than the range it steps through (2)");
        assertThatThrownBy(() -> CronTrigger.fromArgs(Map.of("month", "jan-foo"), UTC))
                .hasMessage("cron field 'month': 'foo' in 'jan-foo' is not a month name (jan-dec)");
        assertThatThrownBy(() -> CronTrigger.fromArgs(Map.of("minute", "*/0"), UTC))
                .hasMessage("cron field 'minute': step must be at least 1 in '*/0'");
        assertThatThrownBy(() -> CronTrigger.fromArgs(Map.of("day_of_week", "mon-fri/2"), UTC))
                .hasMessage("cron field 'day_of_week': unrecognized expression 'mon-fri/2'");
        assertThatThrownBy(() -> CronTrigger.fromArgs(Map.of("hours", 1), UTC))
                .hasMessageStartingWith("cron trigger: unknown argument 'hours'");
        assertThatThrownBy(() -> CronTrigger.fromCrontab("* * * * 8", UTC))
                .hasMessage("crontab field 'day_of_week': value 8 is outside 0-7 (0 and 7 are Sunday)");
        assertThatThrownBy(() -> CronTrigger.fromCrontab("* * * *", UTC))
                .hasMessageContaining("wrong number of fields; got 4, expected 5");
    }

    @Test
    void refusesWhatApschedulerReadsOnlyInPart() {
        // APScheduler matches these expressions by their prefix and drops the rest ('/2', 'x'); we refuse them whole
        for (Map.Entry<String, String> garbage : List.of(Map.entry("day_of_week", "mon-fri/2"),
                Map.entry("month", "jan/2"), Map.entry("month", "jan-mar/2"), Map.entry("day", "lastx"),
                Map.entry("day", "last/2"), Map.entry("day", "2nd fri/2"))) {
            assertThatThrownBy(() -> CronTrigger.fromArgs(Map.of(garbage.getKey(), garbage.getValue()), UTC))
                    .isInstanceOf(CronExpressionException.class)
                    .hasMessage("cron field '" + garbage.getKey() + "': unrecognized expression '" + garbage.getValue()
                            + "'");
        }
    }

    @Test
    void roundTripsThroughItsArguments() {
        CronTrigger trigger = CronTrigger.fromArgs(Map.of("day", "last fri", "hour", "9-17/2", "timezone", "Europe/Berlin",
                "start_date", "2026-01-01T00:00:00+01:00", "end_date", "2027-01-01", "jitter", 5), UTC);

        Trigger rebuilt = Triggers.create(trigger.type(), trigger.arguments(), UTC);

        assertThat(rebuilt).isEqualTo(trigger);
        assertThat(rebuilt.arguments()).containsEntry("timezone", "Europe/Berlin").containsEntry("jitter", 5L);
    }

    @Test
    void stopsAtTheEndDate() {
        CronTrigger trigger = CronTrigger.fromArgs(Map.of("hour", 12, "end_date", "2026-01-02T12:00:00Z",
                "timezone", "UTC"), UTC);

        assertThat(fireTimes(trigger, "2026-01-01T00:00:00Z", 5)).isEqualTo(instants(
                "2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z"));
    }

    @Test
    void jitterDelaysWithinItsBoundButNeverBeforeNow() {
        CronTrigger trigger = CronTrigger.fromArgs(Map.of("second", "*/10", "jitter", 3, "timezone", "UTC"), UTC);
        ZonedDateTime now = ZonedDateTime.parse("2026-01-01T00:00:01Z");

        for (int i = 0; i < 200; i++) {
            ZonedDateTime next = trigger.nextFireTime(null, now);
            assertThat(next).isBetween(ZonedDateTime.parse("2026-01-01T00:00:10Z"),
                    ZonedDateTime.parse("2026-01-01T00:00:13Z"));
        }
    }

    @Test
    void anyExpressionEitherParsesOrFailsWithANamedFieldAndTheSearchEnds() {
        Random random = new Random(20261124);
        String[] atoms = {"*", "*/", "-", "/", ",", "last", " ", "mon", "jan", "1st", "fri", "x", "0", "5", "13",
                "31", "59", "60", "2026"};
        String[] fields = {"year", "month", "day", "week", "day_of_week", "hour", "minute", "second"};
        ZonedDateTime now = ZonedDateTime.parse("2026-06-15T10:00:00Z");
        for (int i = 0; i < 3_000; i++) {
            StringBuilder expression = new StringBuilder();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                expression.append(atoms[random.nextInt(atoms.length)]);
            }
            String field = fields[random.nextInt(fields.length)];
            try {
                CronTrigger trigger = CronTrigger.fromArgs(Map.of(field, expression.toString(), "timezone", "UTC"), UTC);
                ZonedDateTime next = trigger.nextFireTime(null, now);
                assertThat(next == null || !next.isBefore(now)).as("%s=%s", field, expression).isTrue();
            } catch (CronExpressionException e) {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.getMessage()).startsWith("cron field '" + field + "': ");
            }
        }
    }

    /**
     * The fields and crontab weekdays are read by hand; APScheduler reads them with regular expressions. On random
     * strings from the characters those expressions care about, both recognize the same ones (an error other than
     * "unrecognized expression" is a recognized expression with a bad value).
     */
    @Test
    void recognizesTheExpressionsApschedulersPatternsMatch() {
        Pattern all = Pattern.compile("\\*(?:/(\\d+))?");
        Pattern range = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\d+))?");
        Pattern names = Pattern.compile("([a-z]+)(?:-([a-z]+))?", Pattern.CASE_INSENSITIVE);
        Pattern position = Pattern.compile("(1st|2nd|3rd|4th|5th|last) +(\\w+)", Pattern.CASE_INSENSITIVE);
        Pattern last = Pattern.compile("last", Pattern.CASE_INSENSITIVE);
        Pattern crontabItem = Pattern.compile("(\\*|\\w+)(?:-(\\w+))?(?:/(\\d+))?");
        String[] atoms = {"*", "/", "-", " ", "0", "1", "2", "5", "7", "12", "st", "nd", "last", "LAST", "fri", "Fri",
            "mon", "jan", "MAR", "x", "_", "\u017f", "\t"};
        Random random = new Random(20261205L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                text.append(atoms[random.nextInt(atoms.length)]);
            }
            String expression = text.toString().trim();
            for (String field : List.of("month", "day", "day_of_week", "hour")) {
                boolean expected = all.matcher(expression).matches() || range.matcher(expression).matches()
                        || (field.equals("day") && (position.matcher(expression).matches()
                                || last.matcher(expression).matches()))
                        || (!field.equals("day") && !field.equals("hour") && names.matcher(expression).matches());
                assertThat(recognized(() -> CronTrigger.fromArgs(Map.of(field, expression), UTC)))
                        .as("%s='%s'", field, expression).isEqualTo(expected);
            }
            // one crontab field: no white space inside
            String weekdays = expression.replace(" ", "").replace("\t", "");
            Matcher item = crontabItem.matcher(weekdays);
            boolean crontabExpected = weekdays.isEmpty() || weekdays.equals("?")
                    || item.matches() && !(item.group(1).equals("*") && item.group(2) != null);
            if (!weekdays.isEmpty()) {
                assertThat(recognized(() -> CronTrigger.fromCrontab("* * * * " + weekdays, UTC)))
                        .as("crontab weekdays '%s'", weekdays).isEqualTo(crontabExpected);
            }
        }
    }

    private static boolean recognized(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException e) {
            return !e.getMessage().contains("unrecognized expression");
        }
    }
}
