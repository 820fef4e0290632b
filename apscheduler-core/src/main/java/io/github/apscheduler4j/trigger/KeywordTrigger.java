package io.github.apscheduler4j.trigger;

import java.util.Collections;
import java.util.Map;

/**
 * A trigger that is its keyword arguments: {@link #type()} and {@link #arguments()} rebuild it through
 * {@link Triggers#create}, and two triggers of one class with equal arguments are equal.
 */
abstract class KeywordTrigger implements Trigger {

    private final String type;
    // built on first use from the subclass's fields, which are not set yet while this constructor runs
    private volatile Map<String, Object> arguments;

    KeywordTrigger(String type) {
        this.type = type;
    }

    /** The keyword arguments of this trigger, in APScheduler's names; called once. */
    abstract Map<String, Object> buildArguments();

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Map<String, Object> arguments() {
        Map<String, Object> built = arguments;
        if (built == null) {
            built = Collections.unmodifiableMap(buildArguments());
            arguments = built;
        }
        return built;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && arguments().equals(((KeywordTrigger) other).arguments());
    }

    @Override
    public final int hashCode() {
        return arguments().hashCode();
    }
}
