package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.event.SchedulerListener;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What an executor is given when a scheduler starts it.
 *
 * @param alias the name the scheduler knows the executor by
 * @param clock the scheduler's clock, against which lateness is measured
 * @param timezone the scheduler's zone, for the times reported in events
 * @param events receives the executed, error and missed events of every run
 * @param instanceId the scheduler's instance id ({@code SchedulerConfig.instanceId()}), which each run's
 *        {@code JobContext} carries
 * @param runDecorator wraps each run as it is handed over, on the submitting thread ({@code SchedulerConfig.runDecorator()})
 */
public record ExecutorContext(String alias, Clock clock, ZoneId timezone, SchedulerListener events, String instanceId,
        UnaryOperator<Runnable> runDecorator) {

    public ExecutorContext {
        Objects.requireNonNull(runDecorator, "runDecorator");
    }

    /** A context whose runs are not wrapped. */
    public ExecutorContext(String alias, Clock clock, ZoneId timezone, SchedulerListener events, String instanceId) {
        this(alias, clock, timezone, events, instanceId, UnaryOperator.identity());
    }
}
