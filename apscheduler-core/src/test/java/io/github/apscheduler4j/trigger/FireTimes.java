package io.github.apscheduler4j.trigger;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** The fire times a scheduler gets from a trigger: asked first at {@code now}, then at each fire time it was given. */
final class FireTimes {

    private FireTimes() {
    }

    /** Up to {@code count} fire times, fewer when the trigger finishes first. */
    static List<ZonedDateTime> fireTimes(Trigger trigger, ZonedDateTime now, int count) {
        List<ZonedDateTime> fireTimes = new ArrayList<>();
        ZonedDateTime next = trigger.nextFireTime(null, now);
        while (next != null && fireTimes.size() < count) {
            fireTimes.add(next);
            next = trigger.nextFireTime(next, next);
        }
        return fireTimes;
    }
}
