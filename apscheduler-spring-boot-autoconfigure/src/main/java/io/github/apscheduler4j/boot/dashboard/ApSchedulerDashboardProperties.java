package io.github.apscheduler4j.boot.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the jobs dashboard, a page of the application that shows the scheduler's jobs and acts on them. */
@ConfigurationProperties("apscheduler.dashboard")
public class ApSchedulerDashboardProperties {

    /** Whether to serve the dashboard; without Spring Security, anyone who reaches the port can pause and remove jobs. */
    private boolean enabled = false;

    /** Path of the dashboard: starts with "/", does not end with one. */
    private String path = "/apscheduler";

    /** Role a user needs to pause, resume, run or remove jobs, when Spring Security is on the class path. */
    private String role = "APSCHEDULER_ADMIN";

    /** How often the page asks for fresh data. */
    private Duration refreshInterval = Duration.ofSeconds(5);

    /** Most fire times the timeline shows per job; a job firing more often shows a band for the rest. */
    private int timelineMaxFires = 500;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
            throw new IllegalArgumentException(
                    "apscheduler.dashboard.path must start with '/' and not end with one but was '" + path + "'");
        }
        this.path = path;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("apscheduler.dashboard.role must not be blank but was '" + role + "'");
        }
        this.role = role;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        if (refreshInterval == null || refreshInterval.compareTo(Duration.ofMillis(500)) < 0) {
            throw new IllegalArgumentException(
                    "apscheduler.dashboard.refresh-interval must be at least 500ms but was " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
    }

    public int getTimelineMaxFires() {
        return timelineMaxFires;
    }

    public void setTimelineMaxFires(int timelineMaxFires) {
        if (timelineMaxFires < 1) {
            throw new IllegalArgumentException(
                    "apscheduler.dashboard.timeline-max-fires must be at least 1 but was " + timelineMaxFires);
        }
        this.timelineMaxFires = timelineMaxFires;
    }
}
