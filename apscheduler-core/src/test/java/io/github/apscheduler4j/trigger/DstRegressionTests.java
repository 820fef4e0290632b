package io.github.apscheduler4j.trigger;

import static io.github.apscheduler4j.trigger.FireTimes.fireTimes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counterexamples {@link DstPropertyTests} found, shrunk, each kept as it was printed: the trigger, the zone, the
 * start, and the first fire times under the conformance README's rules (a skipped wall time fires at the instant the
 * offset before the gap gives; no fire is lost). The half-hour (Lord Howe) and 45-minute (Chatham) cases were written
 * by hand for the zones the issue names, on the same pattern. Each one lost a fire before the fix that came with it.
 */
class DstRegressionTests {

    @Test
    void startingOnTheInstantASkippedWallTimeMapsToFiresThere() {
        // 02:00 does not exist on 13 March 2022 in Los Angeles: it fires at 10:00Z, read as 03:00 PDT
        assertFires(cron(Map.of("hour", 2), "America/Los_Angeles"), "2022-03-13T10:00:00Z",
                "2022-03-13T10:00:00Z", "2022-03-14T09:00:00Z", "2022-03-15T09:00:00Z");
    }

    @Test
    void startingOnTheInstantASkippedWallTimeMapsToFiresThereInAFortyFiveMinuteZone() {
        // Chatham goes from +12:45 to +13:45 at 02:45: the skipped 03:00 is 14:15Z, read as 04:00
        assertFires(cron(Map.of("hour", 3), "Pacific/Chatham"), "2026-09-26T14:15:00Z",
                "2026-09-26T14:15:00Z", "2026-09-27T13:15:00Z", "2026-09-28T13:15:00Z");
    }

    @Test
    void everySkippedWallTimeOfATwoHourGapFires() {
        // Troll goes from +00 to +02 at 01:00Z: 01:00-02:59 is skipped, and each minute of hour 1 fires once
        assertFires(cron(Map.of("hour", 1, "minute", "*"), "Antarctica/Troll"), "2020-03-28T23:00:00Z",
                "2020-03-29T01:00:00Z", "2020-03-29T01:01:00Z", "2020-03-29T01:02:00Z");
    }

    @Test
    void aSkippedWallTimeStillAheadFiresWhenTheStartIsInsideAThreeHourGap() {
        // Casey went from +08 to +11 at 00:01 on 4 October 2020: the skipped 03:00 is 19:00Z, after the start at 17:00Z
        assertFires(cron(Map.of("hour", 3), "Antarctica/Casey"), "2020-10-03T17:00:00Z",
                "2020-10-03T19:00:00Z", "2020-10-04T16:00:00Z", "2020-10-05T16:00:00Z");
    }

    @Test
    void aWallTimeAfterAThreeHourGapFiresBeforeASkippedOneThatMapsLater() {
        // 04:00 (+11) is 17:00Z and comes before the skipped 03:00 (+08), 19:00Z
        assertFires(cron(Map.of("hour", "3,4"), "Antarctica/Casey"), "2020-10-03T13:00:00Z",
                "2020-10-03T17:00:00Z", "2020-10-03T19:00:00Z", "2020-10-04T16:00:00Z", "2020-10-04T17:00:00Z");
    }

    @Test
    void aWallTimeAfterAHalfHourGapFiresBeforeASkippedOneThatMapsLater() {
        // Lord Howe skips 02:00-02:29 (+10:30 to +11): 02:30 is 15:30Z, the skipped 02:15 is 15:45Z
        assertFires(cron(Map.of("hour", 2, "minute", "15,30"), "Australia/Lord_Howe"), "2026-10-03T15:00:00Z",
                "2026-10-03T15:30:00Z", "2026-10-03T15:45:00Z", "2026-10-04T15:15:00Z", "2026-10-04T15:30:00Z");
    }

    @Test
    void aGapAcrossMidnightFiresFromItsFirstInstant() {
        // Nuuk went from -02 to -01 at 23:00 on 25 March 2028: the skipped 23:00 is 01:00Z, the start
        assertFires(cron(Map.of("hour", "22/1"), "America/Godthab"), "2028-03-26T01:00:00Z",
                "2028-03-26T01:00:00Z", "2028-03-26T23:00:00Z", "2028-03-27T00:00:00Z");
    }

    @Test
    void anAndTriggerStartingOnTheInstantASkippedWallTimeMapsToFiresThere() {
        Trigger trigger = new AndTrigger(List.of(cron(Map.of("hour", 2), "America/Nome")));
        assertFires(trigger, "2025-03-09T11:00:00Z", "2025-03-09T11:00:00Z", "2025-03-10T10:00:00Z");
    }

    @Test
    void anOrTriggerStartingOnTheInstantASkippedWallTimeMapsToFiresThere() {
        Trigger trigger = new OrTrigger(List.of(cron(Map.of("hour", 1), "Antarctica/Troll")));
        assertFires(trigger, "2020-03-29T01:00:00Z", "2020-03-29T01:00:00Z", "2020-03-29T23:00:00Z");
    }

    private static CronTrigger cron(Map<String, ?> fields, String zone) {
        return CronTrigger.fromArgs(fields, ZoneId.of(zone));
    }

    private static void assertFires(Trigger trigger, String start, String... expected) {
        ZonedDateTime now = Instant.parse(start).atZone(ZoneId.of("UTC"));
        List<Instant> actual = fireTimes(trigger, now, expected.length).stream().map(ZonedDateTime::toInstant).toList();
        assertThat(actual).as("%s from %s", trigger, start)
                .isEqualTo(Arrays.stream(expected).map(Instant::parse).toList());
    }
}
