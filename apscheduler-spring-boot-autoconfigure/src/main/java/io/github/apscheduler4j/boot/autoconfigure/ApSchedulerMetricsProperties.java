package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.actuate.metrics.JobTags;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the scheduler's meters and run observations. */
@ConfigurationProperties("apscheduler.metrics")
public class ApSchedulerMetricsProperties {

    /**
     * How many jobs at most are tagged with their own id at once ("job" tag); the others are tagged "(other)", and
     * jobs whose id was generated "(generated)". A job's tag and meters are freed when it is removed.
     */
    private int maxJobTags = JobTags.DEFAULT_MAX_JOB_TAGS;

    public int getMaxJobTags() {
        return maxJobTags;
    }

    public void setMaxJobTags(int maxJobTags) {
        this.maxJobTags = maxJobTags;
    }
}
