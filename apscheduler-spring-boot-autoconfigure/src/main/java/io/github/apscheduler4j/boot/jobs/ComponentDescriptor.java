package io.github.apscheduler4j.boot.jobs;

/**
 * A store or an executor.
 *
 * @param type the {@code type} alias configuration names it by ({@code memory}), or its class name
 * @param className its class
 * @param description its {@code toString()}, which shows its settings
 */
public record ComponentDescriptor(String type, String className, String description) {
}
