package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.ExecutorContext;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.JobSubmission;
import io.github.apscheduler4j.executor.RunDecorator;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.AllowedJobTargets;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.MemoryJobStore;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's job stores and executors, and how they start and stop with it: each is started with the context it
 * takes from the scheduler; at start, a memory store and a thread pool take the default alias where the configuration
 * names none; at shutdown, the executors hand back the claimed runs they have not started before they stop, and the
 * stores stop last. Not thread safe, as its registries: the scheduler guards it with its lock.
 */
final class SchedulerComponents {

    // under the scheduler's name, where the start-up warning was logged before it had a class of its own
    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);

    private final SchedulerConfig config;
    private final ComponentRegistry<JobStore> stores;
    private final ComponentRegistry<JobExecutor> executors;

    /**
     * @param wakeup what a store calls when another writer changed its jobs
     * @param events where the executors report their runs
     */
    SchedulerComponents(SchedulerConfig config, Runnable wakeup, SchedulerListener events) {
        this.config = config;
        this.stores = new ComponentRegistry<>("job store", "job stores", config.jobstores(),
                (alias, store) -> store.start(new JobStoreContext(alias, config.targetResolver(), config.timezone(),
                        config.clock(), config.instanceId(), wakeup)));
        RunDecorator runDecorator = RunDecorator.of(config.runDecorators());
        this.executors = new ComponentRegistry<>("executor", "executors", config.executors(),
                (alias, executor) -> executor.start(new ExecutorContext(alias, config.clock(), config.timezone(),
                        events, config.instanceId(), runDecorator)));
    }

    ComponentRegistry<JobStore> stores() {
        return stores;
    }

    ComponentRegistry<JobExecutor> executors() {
        return executors;
    }

    /** Starts every executor, then every store, with the defaults added where the configuration names none. */
    void startAll() {
        executors.addIfAbsent(SchedulerConfig.DEFAULT_ALIAS, new ThreadPoolJobExecutor());
        stores.addIfAbsent(SchedulerConfig.DEFAULT_ALIAS, new MemoryJobStore());
        executors.startAll();
        stores.startAll();
        warnWhenAnyTargetIsAllowed();
    }

    private void warnWhenAnyTargetIsAllowed() {
        if (config.allowedJobTargets().isRestricted()) {
            return;
        }
        stores.snapshot().forEach((alias, store) -> {
            if (store.isShared()) {
                log.warn("Job store '{}' is shared and no allowed job targets are set: a row written to it may name any"
                        + " public class outside {}; set SchedulerConfig.Builder.allowedJobTargets to your jobs'"
                        + " packages", alias, AllowedJobTargets.NEVER);
            }
        });
    }

    /** What a shutdown is to stop: taken under the scheduler's lock, and stopped once it is released. */
    Stopping toStop() {
        return new Stopping(executors.snapshot(), stores.snapshot());
    }

    /**
     * The executors and stores of a scheduler shutting down, stopped outside its lock: a running job may need the lock
     * to finish.
     */
    record Stopping(Map<String, JobExecutor> executors, Map<String, JobStore> stores) {

        /**
         * Stops every executor with {@code stop}, after draining them all: claimed runs that have not started go back
         * to their shared store first ({@code handBack}), for another instance to run now.
         *
         * @return whether every executor's {@code stop} answered that its runs finished
         */
        boolean stopExecutors(Predicate<JobSubmission> handBack, Predicate<JobExecutor> stop) {
            executors.values().forEach(executor -> executor.drain(handBack));
            boolean finished = true;
            for (JobExecutor executor : executors.values()) {
                finished &= stop.test(executor);
            }
            return finished;
        }

        void stopStores() {
            stores.values().forEach(JobStore::shutdown);
        }
    }
}
