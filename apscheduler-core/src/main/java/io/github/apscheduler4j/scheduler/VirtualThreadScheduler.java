package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.executor.VirtualThreadJobExecutor;

/**
 * Runs the processing loop on a virtual thread and, unless configured otherwise, each job run on a virtual thread
 * of its own: the counterpart of APScheduler's {@code GeventScheduler} (green threads). Java 21 or later.
 */
public class VirtualThreadScheduler extends AbstractScheduler {

    public VirtualThreadScheduler(SchedulerConfig config) {
        super(withVirtualThreadExecutor(config), ThreadLoop.onVirtualThread());
    }

    private static SchedulerConfig withVirtualThreadExecutor(SchedulerConfig config) {
        if (config.executors().containsKey(SchedulerConfig.DEFAULT_ALIAS)) {
            return config;
        }
        return config.toBuilder().executor(SchedulerConfig.DEFAULT_ALIAS, new VirtualThreadJobExecutor()).build();
    }
}
