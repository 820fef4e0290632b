package io.github.apscheduler4j.boot.actuate.health;

import io.github.apscheduler4j.scheduler.Scheduler;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The scheduler's health, in parts: {@code scheduler}, whether it runs and its processing loop is alive
 * ({@link SchedulerHealthIndicator}), and {@code jobstores}, one contributor per job store
 * ({@link JobStoreHealthIndicator}), read from the scheduler at each call so that a store added later is counted.
 */
public final class ApSchedulerHealthContributor implements CompositeHealthContributor {

    private final SchedulerHealthIndicator schedulerHealth;
    private final Scheduler scheduler;

    /** @param autoStart whether the application starts the scheduler, so that one not started is not reported down */
    public ApSchedulerHealthContributor(Scheduler scheduler, boolean autoStart) {
        this.scheduler = scheduler;
        this.schedulerHealth = new SchedulerHealthIndicator(scheduler, autoStart);
    }

    @Override
    public HealthContributor getContributor(String name) {
        return switch (name) {
            case "scheduler" -> schedulerHealth;
            case "jobstores" -> new JobStores();
            default -> null;
        };
    }

    @Override
    public Stream<Entry> stream() {
        return Stream.of(new Entry("scheduler", schedulerHealth), new Entry("jobstores", new JobStores()));
    }

    /** One contributor per store the scheduler has now. */
    private final class JobStores implements CompositeHealthContributor {

        @Override
        public HealthContributor getContributor(String alias) {
            return scheduler.jobStores().containsKey(alias) ? new JobStoreHealthIndicator(scheduler, alias) : null;
        }

        @Override
        public Stream<Entry> stream() {
            return scheduler.jobStores().keySet().stream()
                    .map(alias -> new Entry(alias, new JobStoreHealthIndicator(scheduler, alias)));
        }
    }
}
