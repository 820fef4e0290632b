package io.github.apscheduler4j.boot.autoconfigure;

import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the {@code apsjobs} actuator endpoint. */
@ConfigurationProperties("management.endpoint.apsjobs")
public class ApsJobsEndpointProperties {

    /** When to show the values of job arguments; sanitized ("******") otherwise. */
    private Show showValues = Show.NEVER;

    /**
     * Roles allowed to see the values of job arguments when show-values is when-authorized; when empty, every
     * authenticated user.
     */
    private final Set<String> roles = new HashSet<>();

    public Show getShowValues() {
        return showValues;
    }

    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    public Set<String> getRoles() {
        return roles;
    }
}
