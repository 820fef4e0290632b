package io.github.apscheduler4j.event;

/**
 * Receives scheduler events. Called on the thread that caused the event (the scheduler loop, an API
 * caller or an executor worker), so it must be quick and thread safe; an exception it throws is
 * logged and otherwise ignored.
 */
@FunctionalInterface
public interface SchedulerListener {

    void onEvent(SchedulerEvent event);
}
