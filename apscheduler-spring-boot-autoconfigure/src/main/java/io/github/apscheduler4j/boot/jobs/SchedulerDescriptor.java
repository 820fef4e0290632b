package io.github.apscheduler4j.boot.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * The scheduler in full: its status (written as fields of this object, as the endpoint always has), its stores and
 * executors, and its jobs.
 *
 * @param jobstores the stores by alias, in the order the scheduler looks at them
 * @param executors the executors by alias
 * @param jobs pending jobs first, then by store and next run time
 */
public record SchedulerDescriptor(@JsonUnwrapped SchedulerStatusDescriptor status,
        Map<String, ComponentDescriptor> jobstores, Map<String, ComponentDescriptor> executors,
        List<JobDescriptor> jobs) {
}
