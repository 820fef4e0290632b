package io.github.apscheduler4j.boot.actuate.endpoint;

import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.ComponentSummary;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.JobAction;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.JobActionResult;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.JobDetails;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.JobSummary;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.SchedulerSummary;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.TriggerSummary;
import io.github.apscheduler4j.boot.jobs.JobRun;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code apsjobs} endpoint: the scheduler's state, stores, executors and jobs; one job with its arguments
 * (sanitized) and last runs; and pausing, resuming, running now and removing a job. Read-only unless
 * {@code management.endpoint.apsjobs.access=unrestricted}: its write and delete operations change the schedule.
 * Times are ISO-8601 with the offset of the job's zone, durations ISO-8601 ({@code PT30S}).
 */
@Endpoint(id = "apsjobs", defaultAccess = Access.READ_ONLY)
public class ApsJobsEndpoint {

    /** The actions {@code POST /actuator/apsjobs/{id}} takes; removing is {@code DELETE}. */
    static final Set<JobAction> WRITE_ACTIONS = EnumSet.of(JobAction.PAUSE, JobAction.RESUME, JobAction.RUN);

    private final ApSchedulerJobsService jobs;
    private final Sanitizer sanitizer;

    public ApsJobsEndpoint(ApSchedulerJobsService jobs, Iterable<SanitizingFunction> sanitizingFunctions) {
        this.jobs = jobs;
        this.sanitizer = new Sanitizer(sanitizingFunctions);
    }

    /** The scheduler and all its jobs. */
    @ReadOperation
    public SchedulerDescriptor scheduler() {
        SchedulerSummary summary = jobs.scheduler();
        return new SchedulerDescriptor(summary.state().name(), summary.timezone().getId(), summary.jobstores(),
                summary.executors(), summary.jobs().stream().map(JobDescriptor::of).toList());
    }

    /** One job, its argument values sanitized; {@code null} when there is none. */
    @ReadOperation
    public JobDetailsDescriptor job(@Selector String id) {
        return jobDetails(id, false);
    }

    /**
     * One job; {@code null} when there is none.
     *
     * @param showUnsanitized whether to show argument values as they are (after the sanitizing functions)
     */
    public JobDetailsDescriptor jobDetails(String id, boolean showUnsanitized) {
        JobDetails details = jobs.job(id);
        if (details == null) {
            return null;
        }
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < details.args().size(); i++) {
            args.add(sanitize(String.valueOf(i), details.args().get(i), showUnsanitized));
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        details.kwargs().forEach((name, value) -> kwargs.put(name, sanitize(name, value, showUnsanitized)));
        return JobDetailsDescriptor.of(JobDescriptor.of(details.job()), args, kwargs,
                details.runs().stream().map(JobRunDescriptor::of).toList());
    }

    private Object sanitize(String key, Object value, boolean showUnsanitized) {
        return sanitizer.sanitize(new SanitizableData(null, key, value), showUnsanitized);
    }

    /**
     * Pauses, resumes or runs a job now; {@code null} when there is no such job.
     *
     * @param action {@code pause}, {@code resume} or {@code run}
     */
    @WriteOperation
    public JobActionDescriptor jobAction(@Selector String id, String action) {
        JobAction parsed = JobAction.of(action);
        if (parsed == null || !WRITE_ACTIONS.contains(parsed)) {
            throw new InvalidEndpointRequestException("Unknown action '" + action + "'; known actions: "
                    + WRITE_ACTIONS.stream().map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")),
                    "Unknown action");
        }
        return apply(id, parsed);
    }

    /** Removes a job; {@code null} when there is no such job. */
    @DeleteOperation
    public JobActionDescriptor removeJob(@Selector String id) {
        return apply(id, JobAction.REMOVE);
    }

    private JobActionDescriptor apply(String id, JobAction action) {
        JobActionResult result;
        try {
            result = jobs.apply(id, action);
        } catch (IllegalStateException e) {
            // "Scheduler is not running": the request, not the endpoint, is at fault
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage(), e);
        }
        return result == null ? null : JobActionDescriptor.of(result);
    }

    private static String format(ZonedDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    private static String format(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    /**
     * The scheduler and its jobs.
     *
     * @param state {@code RUNNING}, {@code PAUSED} or {@code STOPPED}
     * @param jobstores the stores by alias, each with its type
     * @param executors the executors by alias, each with its type
     */
    public record SchedulerDescriptor(String state, String timezone, Map<String, ComponentSummary> jobstores,
            Map<String, ComponentSummary> executors, List<JobDescriptor> jobs) implements OperationResponseBody {
    }

    /**
     * A job's schedule and settings.
     *
     * @param nextRunTime {@code null} while paused
     * @param misfireGraceTime {@code null} for no limit
     */
    public record JobDescriptor(String id, String name, String target, TriggerSummary trigger, String nextRunTime,
            String jobstore, String executor, boolean paused, boolean coalesce, int maxInstances,
            String misfireGraceTime) implements OperationResponseBody {

        static JobDescriptor of(JobSummary job) {
            return new JobDescriptor(job.id(), job.name(), job.target(), job.trigger(), format(job.nextRunTime()),
                    job.jobstore(), job.executor(), job.paused(), job.coalesce(), job.maxInstances(),
                    format(job.misfireGraceTime()));
        }
    }

    /**
     * A job in full: its schedule and settings, arguments and last runs.
     *
     * @param runs the last runs, newest first
     */
    public record JobDetailsDescriptor(String id, String name, String target, TriggerSummary trigger,
            String nextRunTime, String jobstore, String executor, boolean paused, boolean coalesce, int maxInstances,
            String misfireGraceTime, List<Object> args, Map<String, Object> kwargs, List<JobRunDescriptor> runs)
            implements OperationResponseBody {

        static JobDetailsDescriptor of(JobDescriptor job, List<Object> args, Map<String, Object> kwargs,
                List<JobRunDescriptor> runs) {
            return new JobDetailsDescriptor(job.id(), job.name(), job.target(), job.trigger(), job.nextRunTime(),
                    job.jobstore(), job.executor(), job.paused(), job.coalesce(), job.maxInstances(),
                    job.misfireGraceTime(), args, kwargs, runs);
        }
    }

    /**
     * One run of a job.
     *
     * @param scheduledRunTime {@code null} for a run started on demand
     * @param started {@code null} for a run that never started
     * @param outcome {@code SUCCESS}, {@code ERROR}, {@code MISSED} or {@code SKIPPED}
     * @param error the exception of a failed run
     */
    public record JobRunDescriptor(String scheduledRunTime, String started, String duration, String outcome,
            String error) {

        static JobRunDescriptor of(JobRun run) {
            return new JobRunDescriptor(format(run.scheduledRunTime()), format(run.started()), format(run.duration()),
                    run.outcome().name(), run.error());
        }
    }

    /**
     * What came of an action on a job.
     *
     * @param action {@code pause}, {@code resume}, {@code run} or {@code remove}
     * @param accepted {@code false} when a run was refused because the job's maximum number of instances is running
     * @param job the job after the action, or as it was when removed; {@code null} when resuming found no fire time
     *     left, so that the job was removed
     */
    public record JobActionDescriptor(String id, String action, boolean accepted, JobDescriptor job)
            implements OperationResponseBody {

        static JobActionDescriptor of(JobActionResult result) {
            return new JobActionDescriptor(result.id(), result.action().name().toLowerCase(Locale.ROOT),
                    result.accepted(), result.job() == null ? null : JobDescriptor.of(result.job()));
        }
    }
}
