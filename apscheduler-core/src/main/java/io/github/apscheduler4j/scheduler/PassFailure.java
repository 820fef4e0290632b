package io.github.apscheduler4j.scheduler;

import java.time.Instant;

/**
 * A pass of the processing loop that threw (or the loop's end), and when: what {@link AbstractScheduler#lastPassFailure()}
 * reports to a health check until a pass succeeds.
 */
public record PassFailure(Instant at, Throwable error) {
}
