package io.github.apscheduler4j.boot.actuate.health;

import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.PassFailure;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerState;
import io.github.apscheduler4j.store.JobStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The scheduler's health: up while it runs (or is paused) and every job store answers; down when it is stopped or a
 * store cannot be reached, or its processing loop's last pass failed. Details give the state and, per store, whether it answered and its next run time or error.
 */
public class ApSchedulerHealthIndicator extends AbstractHealthIndicator {

    // the jobs named in the details at most; the count says how many there are
    private static final int MAX_LISTED = 20;

    private final Scheduler scheduler;

    public ApSchedulerHealthIndicator(Scheduler scheduler) {
        super("APScheduler health check failed");
        this.scheduler = scheduler;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SchedulerState state = scheduler.state();
        boolean storesUp = true;
        Map<String, Object> stores = new LinkedHashMap<>();
        for (Map.Entry<String, JobStore> entry : scheduler.jobStores().entrySet()) {
            Map<String, Object> store = new LinkedHashMap<>();
            try {
                // the cheapest question every store answers: it proves the store can be reached
                Instant next = entry.getValue().nextRunTime();
                store.put("status", "UP");
                store.put("nextRunTime", next == null ? null : next.atZone(scheduler.timezone()).toOffsetDateTime().toString());
            } catch (RuntimeException e) {
                storesUp = false;
                store.put("status", "DOWN");
                store.put("error", e.getClass().getName() + ": " + e.getMessage());
            }
            stores.put(entry.getKey(), store);
        }
        PassFailure failure = scheduler instanceof AbstractScheduler engine
                ? engine.lastPassFailure() : null;
        builder.status(state != SchedulerState.STOPPED && storesUp && failure == null ? "UP" : "DOWN")
                .withDetail("state", state.name())
                .withDetail("jobstores", stores);
        Map<String, String> notRunnableHere = scheduler.jobsNotRunnableHere();
        if (!notRunnableHere.isEmpty()) {
            // this instance's own trouble, not the scheduler's: reported, but the status stays as it is
            builder.withDetail("notRunnableHere", Map.of("count", notRunnableHere.size(), "jobs",
                    notRunnableHere.entrySet().stream().limit(MAX_LISTED).collect(Collectors.toMap(Map.Entry::getKey,
                            Map.Entry::getValue, (a, b) -> a, TreeMap::new))));
        }
        if (failure != null) {
            builder.withDetail("lastPassFailure", Map.of("at", failure.at().toString(), "error",
                    failure.error().getClass().getName() + ": " + failure.error().getMessage()));
        }
    }
}
