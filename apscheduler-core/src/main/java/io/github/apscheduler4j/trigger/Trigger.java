package io.github.apscheduler4j.trigger;

import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Decides when a job fires: APScheduler's {@code BaseTrigger}.
 *
 * <p>Implementations are immutable and thread safe. A trigger is persisted as its {@link #type()}
 * and {@link #arguments()}: {@code Triggers.create(type(), arguments(), zone)} rebuilds an equal
 * trigger, so no trigger is ever Java-serialized.
 */
public interface Trigger {

    /**
     * Returns the next fire time, or {@code null} when the trigger will never fire again.
     *
     * @param previousFireTime the previous fire time, or {@code null} when the job has not fired yet
     * @param now the current time; with no previous fire time, no fire time before it is returned
     *     (except by triggers that, like APScheduler's date and calendar-interval triggers, return
     *     their first fire time whatever the current time, leaving the misfire decision to the scheduler)
     */
    ZonedDateTime nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now);

    /** APScheduler's alias of this trigger: {@code date}, {@code interval}, {@code cron}, ... */
    String type();

    /**
     * The keyword arguments that rebuild this trigger through {@link Triggers#create}: JSON-friendly
     * values only (strings, numbers, lists and maps), dates as ISO-8601 strings with their offset.
     */
    Map<String, Object> arguments();
}
