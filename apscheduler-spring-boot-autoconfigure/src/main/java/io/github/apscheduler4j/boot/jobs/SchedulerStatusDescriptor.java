package io.github.apscheduler4j.boot.jobs;

import io.github.apscheduler4j.scheduler.SchedulerState;
import java.time.ZonedDateTime;

/**
 * Whether the scheduler is running, and its time.
 *
 * @param state {@code RUNNING}, {@code PAUSED} or {@code STOPPED}
 * @param timezone the scheduler's time zone, which its jobs' times are given in unless their triggers name another
 * @param now the server's time in that zone, ISO-8601: what a reader tells "in 5 minutes" from
 */
public record SchedulerStatusDescriptor(String state, String timezone, String now) {

    /** The scheduler in {@code state} at {@code now}, in the scheduler's time zone. */
    public static SchedulerStatusDescriptor of(SchedulerState state, ZonedDateTime now) {
        return new SchedulerStatusDescriptor(state.name(), now.getZone().getId(), Iso8601.dateTime(now));
    }
}
