package io.github.apscheduler4j.config;

import java.util.Map;
import java.util.Set;

/**
 * Makes one kind of component (a job store, an executor) from configuration: the counterpart of APScheduler's entry
 * points. Each kind has its own sub-interface, which is the service that {@link java.util.ServiceLoader} finds.
 *
 * @param <T> what the factory makes
 */
public interface ComponentFactory<T> {

    /**
     * The names this factory answers to: its {@code type} aliases, the class name of what it makes (for
     * {@code class:}), and APScheduler's class reference where there is one.
     */
    Set<String> names();

    /**
     * Makes a component.
     *
     * @param options the entry's other keys in APScheduler's snake_case ({@code url}, {@code max_workers}, ...)
     * @throws InvalidConfigurationException naming the option at fault
     */
    T create(Map<String, Object> options);
}
