package io.github.apscheduler4j.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which job targets the scheduler may run ({@code apscheduler.job-targets.*}): a store row is data, not code. Beside
 * these patterns the application's packages ({@code AutoConfigurationPackages}) are allowed for static targets, and
 * {@code @ApsJob} methods and the public methods of {@code @ApsJobHolder} beans for {@code bean:} targets.
 */
@ConfigurationProperties("apscheduler.job-targets")
public class ApSchedulerJobTargetsProperties {

    /**
     * More packages or classes that job targets may name: static targets in them, and the public methods of beans of
     * those types ("com.acme.jobs", "com.acme.jobs.**", "com.acme.Reports"). The JDK's, Spring's and this project's own
     * classes stay refused.
     */
    private List<String> allowed = new ArrayList<>();

    public List<String> getAllowed() {
        return allowed;
    }

    public void setAllowed(List<String> allowed) {
        this.allowed = allowed;
    }
}
