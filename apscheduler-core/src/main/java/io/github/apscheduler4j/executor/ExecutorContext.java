package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.event.SchedulerListener;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What an executor is given when a scheduler starts it.
 *
 * @param alias the name the scheduler knows the executor by
 * @param clock the scheduler's clock, against which lateness is measured
 * @param timezone the scheduler's zone, for the times reported in events
 * @param events receives the executed, error and missed events of every run
 * @param instanceId the scheduler's instance id ({@code SchedulerConfig.instanceId()}), which each run's
 *        {@code JobContext} carries
 * @param runDecorator wraps each run ({@link RunDecorator#of} the scheduler's decorators), or {@code null}
 */
public record ExecutorContext(String alias, Clock clock, ZoneId timezone, SchedulerListener events, String instanceId,
        RunDecorator runDecorator) {

    /** A context whose runs are not decorated. */
    public ExecutorContext(String alias, Clock clock, ZoneId timezone, SchedulerListener events, String instanceId) {
        this(alias, clock, timezone, events, instanceId, null);
    }
}
