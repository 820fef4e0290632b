package io.github.apscheduler4j.config;

/**
 * A configuration value that cannot be used. {@link #property()} is the full property name
 * ({@code apscheduler.executors.default.max_workers}), so that a user finds the line to fix. The message never repeats
 * the value of a key that looks secret, nor a password inside a value ({@link SecretValues}).
 */
public class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final transient Object value;
    private final String problem;

    public InvalidConfigurationException(String property, Object value, String problem) {
        this(property, value, problem, null);
    }

    public InvalidConfigurationException(String property, Object value, String problem, Throwable cause) {
        super("Invalid value '" + SecretValues.shown(property, value) + "' for '" + property + "': "
                + SecretValues.maskInText(problem), cause);
        this.property = property;
        this.value = value;
        this.problem = problem;
    }

    public String property() {
        return property;
    }

    public Object value() {
        return value;
    }

    /** What is wrong, without the property and value. */
    public String problem() {
        return problem;
    }

    /** The same error with {@code prefix} put before the property name. */
    public InvalidConfigurationException withPrefix(String prefix) {
        return new InvalidConfigurationException(prefix + property, value, problem, getCause());
    }
}
