package io.github.apscheduler4j.boot.jobs;

import io.github.apscheduler4j.trigger.Trigger;
import java.util.Map;

/**
 * A trigger, for programs and for people.
 *
 * @param type its alias ({@code cron})
 * @param description as APScheduler prints it ({@code cron[hour='3']})
 * @param arguments the keyword arguments that rebuild it
 * @param words the same for people ({@code every day at 03:00}); the description when it has no simpler words
 */
public record TriggerDescriptor(String type, String description, Map<String, Object> arguments, String words) {

    static TriggerDescriptor of(Trigger trigger) {
        String type = trigger.type();
        String description = trigger.toString();
        Map<String, Object> arguments = trigger.arguments();
        return new TriggerDescriptor(type, description, arguments, TriggerWords.describe(type, arguments, description));
    }
}
