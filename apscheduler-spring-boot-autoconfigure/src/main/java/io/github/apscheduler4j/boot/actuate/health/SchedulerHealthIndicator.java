package io.github.apscheduler4j.boot.actuate.health;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.PassFailure;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerState;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether the scheduler lives: up while it runs (or is paused) and its processing loop is alive and its last pass
 * succeeded; down when it stopped, its loop ended, or its last pass failed. A scheduler the application does not start
 * ({@code apscheduler.auto-start=false}) and that has not been started is reported as such, with status
 * {@code UNKNOWN}, not down.
 */
public final class SchedulerHealthIndicator extends AbstractHealthIndicator {

    // the jobs named in the details at most; the count says how many there are
    private static final int MAX_LISTED = 20;

    private final Scheduler scheduler;
    private final boolean autoStart;
    private volatile boolean started;

    public SchedulerHealthIndicator(Scheduler scheduler, boolean autoStart) {
        super("APScheduler health check failed");
        this.scheduler = scheduler;
        this.autoStart = autoStart;
        this.started = scheduler.state() != SchedulerState.STOPPED;
        scheduler.addListener(event -> started = true, EventMask.of(EventType.SCHEDULER_STARTED));
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SchedulerState state = scheduler.state();
        builder.withDetail("state", state.name());
        if (state == SchedulerState.STOPPED) {
            if (!autoStart && !started) {
                builder.status(Status.UNKNOWN).withDetail("reason",
                        "not started: apscheduler.auto-start is false and the application has not started it");
            } else {
                builder.down();
            }
            return;
        }
        AbstractScheduler engine = scheduler instanceof AbstractScheduler abstractScheduler ? abstractScheduler : null;
        boolean loopAlive = engine == null || engine.isLoopAlive();
        PassFailure failure = engine == null ? null : engine.lastPassFailure();
        builder.status(loopAlive && failure == null ? Status.UP : Status.DOWN).withDetail("loop",
                loopAlive ? "alive" : "ended: no job runs here until the application restarts");
        if (failure != null) {
            builder.withDetail("lastPassFailure", Map.of("at", failure.at().toString(), "error",
                    failure.error().getClass().getName() + ": " + failure.error().getMessage()));
        }
        Map<String, String> notRunnableHere = scheduler.jobsNotRunnableHere();
        if (!notRunnableHere.isEmpty()) {
            // this instance's own trouble, not the scheduler's: reported, but the status stays as it is
            builder.withDetail("notRunnableHere", Map.of("count", notRunnableHere.size(), "jobs",
                    notRunnableHere.entrySet().stream().limit(MAX_LISTED).collect(Collectors.toMap(Map.Entry::getKey,
                            Map.Entry::getValue, (a, b) -> a, TreeMap::new))));
        }
    }
}
