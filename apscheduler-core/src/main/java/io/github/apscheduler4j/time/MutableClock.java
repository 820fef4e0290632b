package io.github.apscheduler4j.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until told to move: give it to a scheduler in tests and advance it instead of
 * sleeping. Thread safe; clocks made by {@link #withZone} share this one's time.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> instant;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    public static MutableClock at(Instant start, ZoneId zone) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")),
                Objects.requireNonNull(zone, "zone"));
    }

    /** A clock at {@code isoInstant} ({@code 2026-01-01T00:00:00Z}) in UTC. */
    public static MutableClock at(String isoInstant) {
        return at(Instant.parse(isoInstant), ZoneId.of("UTC"));
    }

    public void advance(Duration amount) {
        instant.updateAndGet(now -> now.plus(amount));
    }

    public void set(Instant value) {
        instant.set(Objects.requireNonNull(value, "instant"));
    }

    @Override
    public Instant instant() {
        return instant.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(instant, newZone);
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant.get() + ", " + zone + "]";
    }
}
