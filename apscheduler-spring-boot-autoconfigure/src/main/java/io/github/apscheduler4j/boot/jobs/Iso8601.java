package io.github.apscheduler4j.boot.jobs;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The text of times and durations in the descriptors, so that the endpoint and the dashboard write them alike. */
final class Iso8601 {

    private Iso8601() {
    }

    /** With the offset of the time's zone ({@code 2030-01-01T03:00:00+01:00}), not its region: what browsers parse. */
    static String dateTime(ZonedDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    /** {@code PT30S} */
    static String duration(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
