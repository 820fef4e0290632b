package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.scheduler.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds every {@link SchedulerListener} bean to the scheduler, for every event, once all singletons exist: late
 * enough that a listener may itself depend on the scheduler, early enough to hear about the first job added.
 */
class ApSchedulerListenerRegistrar implements SmartInitializingSingleton {

    private final Scheduler scheduler;
    private final ObjectProvider<SchedulerListener> listeners;

    ApSchedulerListenerRegistrar(Scheduler scheduler, ObjectProvider<SchedulerListener> listeners) {
        this.scheduler = scheduler;
        this.listeners = listeners;
    }

    @Override
    public void afterSingletonsInstantiated() {
        listeners.orderedStream().forEach(scheduler::addListener);
    }
}
