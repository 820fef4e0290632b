package io.github.apscheduler4j.trigger;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.ThreadLocalRandom;

/** APScheduler's {@code _apply_jitter}: a random delay of up to {@code jitter}, never before {@code now}. */
final class Jitter {

    private Jitter() {
    }

    static ZonedDateTime apply(ZonedDateTime nextFireTime, Duration jitter, ZonedDateTime now) {
        if (nextFireTime == null || jitter == null || jitter.isZero()) {
            return nextFireTime;
        }
        long delayNanos = ThreadLocalRandom.current().nextLong(jitter.toNanos() + 1);
        ZonedDateTime jittered = nextFireTime.plusNanos(delayNanos);
        return now != null && jittered.isBefore(now) ? nextFireTime : jittered;
    }
}
