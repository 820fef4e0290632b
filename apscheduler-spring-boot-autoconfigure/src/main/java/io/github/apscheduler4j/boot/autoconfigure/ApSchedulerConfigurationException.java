package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.scheduler.ComponentFactories;
import java.util.Set;

/**
 * An {@code apscheduler.*} property the scheduler cannot be made with. It names the property, says what is wrong and
 * what to do; {@link ApSchedulerConfigurationFailureAnalyzer} prints both when start-up fails.
 */
public class ApSchedulerConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    public ApSchedulerConfigurationException(String property, String description, String action, Throwable cause) {
        super(description, cause);
        this.property = property;
        this.action = action;
    }

    /** The exception for the engine's {@link InvalidConfigurationException}; the action lists the known types. */
    static ApSchedulerConfigurationException of(InvalidConfigurationException e, ComponentFactories factories) {
        String property = e.property();
        StringBuilder action = new StringBuilder("Update '" + property + "' in the application's configuration");
        if (property.endsWith(".type") && property.contains("jobstores.")) {
            action.append(knownTypes("job store", factories.jobStoreTypes(),
                    "apscheduler-jdbc, apscheduler-mongodb or apscheduler-redis"));
        } else if (property.endsWith(".type") && property.contains("executors.")) {
            action.append(knownTypes("executor", factories.executorTypes(), null));
        } else if (property.endsWith(".class")) {
            action.append(": name a class on the class path that implements "
                    + (property.contains("jobstores.") ? "io.github.apscheduler4j.store.JobStore"
                            : "io.github.apscheduler4j.executor.JobExecutor")
                    + ", with a public constructor taking a Map of its options (or none when it has no options).");
        } else {
            action.append('.');
        }
        return new ApSchedulerConfigurationException(property, e.getMessage(), action.toString(), e);
    }

    private static String knownTypes(String kind, Set<String> types, String modules) {
        return ": use one of the known " + kind + " types (" + String.join(", ", types) + ")"
                + (modules == null ? "" : ", add the module that provides the type (" + modules + ")")
                + ", or name an implementation with 'class' instead of 'type'.";
    }

    /** The full name of the property at fault. */
    public String property() {
        return property;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
