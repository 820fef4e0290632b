package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** When a job added for later may leave the sleeping loop alone, and when it must wake it. */
class WakeupSignalTests {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC"));
    private final WakeupSignal signal = new WakeupSignal();

    /** Starts a thread that sleeps as the loop does, for {@code timeout} ({@code null}: until signalled). */
    private CompletableFuture<Void> sleep(Duration timeout) {
        CompletableFuture<Void> woke = new CompletableFuture<>();
        Thread sleeper = new Thread(() -> {
            try {
                signal.await(timeout, System.nanoTime());
                woke.complete(null);
            } catch (InterruptedException e) {
                woke.completeExceptionally(e);
            }
        });
        sleeper.setDaemon(true);
        sleeper.start();
        return woke;
    }

    @Test
    void aLoopSleepingUntilAnEarlierTimeNeedsNoSignalForALaterJob() {
        CompletableFuture<Void> woke = sleep(Duration.ofHours(1));
        Instant inTwoHours = clock.instant().plus(Duration.ofHours(2));

        await().until(() -> signal.wakesBy(inTwoHours, clock));

        assertThat(signal.wakesBy(clock.instant().plus(Duration.ofMinutes(1)), clock)).isFalse();
        assertThat(signal.wakesBy(clock.instant(), clock)).isFalse();
        assertThat(signal.wakesBy(null, clock)).isFalse();
        assertThat(signal.wakesBy(clock.instant().plus(Duration.ofDays(400 * 365)), clock)).isTrue();
        signal.signal();
        await().until(woke::isDone);
    }

    @Test
    void aJobAddedForAfterTheLoopsDeadlineOnAClockMovedOnStillNeedsNoSignalOnlyByRealTime() {
        CompletableFuture<Void> woke = sleep(Duration.ofHours(1));
        Instant inTwoHours = clock.instant().plus(Duration.ofHours(2));
        await().until(() -> signal.wakesBy(inTwoHours, clock));

        // the clock the jobs are due on moved on by two hours: a job due in two hours is due now, and the loop
        // sleeps for another hour of real time
        clock.advance(Duration.ofHours(2));

        assertThat(signal.wakesBy(inTwoHours, clock)).isFalse();
        signal.signal();
        await().until(woke::isDone);
    }

    @Test
    void aLoopAwakeOrSleepingUntilSignalledIsAlwaysSignalled() {
        Instant later = clock.instant().plus(Duration.ofDays(1));
        assertThat(signal.wakesBy(later, clock)).isFalse();

        CompletableFuture<Void> woke = sleep(null);
        // a job for the far future still wakes a loop that sleeps until signalled: it would otherwise never pass
        assertThat(signal.wakesBy(later, clock)).isFalse();
        signal.signal();
        await().until(woke::isDone);
        assertThat(signal.wakesBy(later, clock)).isFalse();
    }
}
