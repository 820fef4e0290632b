package io.github.apscheduler4j.boot.actuate.health;

import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerState;
import io.github.apscheduler4j.store.JobStore;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * One job store's health: up when it answers the cheapest question every store answers (its earliest next run
 * time), down with the error when it cannot; unknown while the scheduler is stopped, when the store is not in use.
 */
public final class JobStoreHealthIndicator extends AbstractHealthIndicator {

    private final Scheduler scheduler;
    private final String alias;

    public JobStoreHealthIndicator(Scheduler scheduler, String alias) {
        super("APScheduler job store health check failed");
        this.scheduler = scheduler;
        this.alias = alias;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        JobStore store = scheduler.jobStores().get(alias);
        if (store == null) {
            builder.unknown().withDetail("reason", "the scheduler no longer has this store");
            return;
        }
        builder.withDetail("type", store.getClass().getSimpleName());
        if (scheduler.state() == SchedulerState.STOPPED) {
            builder.unknown().withDetail("reason", "not asked: the scheduler is stopped");
            return;
        }
        try {
            Instant next = store.nextRunTime();
            builder.up().withDetail("nextRunTime",
                    next == null ? "none" : next.atZone(scheduler.timezone()).toOffsetDateTime().toString());
        } catch (RuntimeException e) {
            builder.down().withDetail("error", e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
