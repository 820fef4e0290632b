package io.github.apscheduler4j.boot.actuate.endpoint;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.JobAction;
import io.github.apscheduler4j.boot.jobs.JobActionDescriptor;
import io.github.apscheduler4j.boot.jobs.JobDetailsDescriptor;
import io.github.apscheduler4j.boot.jobs.SchedulerDescriptor;
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
 * It answers with the descriptors of {@link ApSchedulerJobsService}, as the dashboard does; times are ISO-8601 with
 * the offset of the job's zone, durations ISO-8601 ({@code PT30S}).
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
    public Response<SchedulerDescriptor> scheduler() {
        return new Response<>(jobs.scheduler());
    }

    /** One job, its argument values sanitized; {@code null} when there is none. */
    @ReadOperation
    public Response<JobDetailsDescriptor> job(@Selector String id) {
        return jobDetails(id, false);
    }

    /**
     * One job; {@code null} when there is none.
     *
     * @param showUnsanitized whether to show argument values as they are (after the sanitizing functions)
     */
    public Response<JobDetailsDescriptor> jobDetails(String id, boolean showUnsanitized) {
        JobDetailsDescriptor details = jobs.job(id);
        if (details == null) {
            return null;
        }
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < details.args().size(); i++) {
            args.add(sanitize(String.valueOf(i), details.args().get(i), showUnsanitized));
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        details.kwargs().forEach((name, value) -> kwargs.put(name, sanitize(name, value, showUnsanitized)));
        return new Response<>(new JobDetailsDescriptor(details.job(), args, kwargs, details.runs()));
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
    public Response<JobActionDescriptor> jobAction(@Selector String id, String action) {
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
    public Response<JobActionDescriptor> removeJob(@Selector String id) {
        return apply(id, JobAction.REMOVE);
    }

    private Response<JobActionDescriptor> apply(String id, JobAction action) {
        JobActionDescriptor result;
        try {
            result = jobs.apply(id, action);
        } catch (IllegalStateException e) {
            // "Scheduler is not running": the request, not the endpoint, is at fault
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage(), e);
        }
        return result == null ? null : new Response<>(result);
    }

    /**
     * An answer of the endpoint: the descriptor's fields are the body's. The descriptors are shared with the dashboard,
     * which works without the actuator, so that they cannot carry Boot's marker themselves; with it, Boot writes the
     * body with the endpoint's own JSON mapper, as it does for its own endpoints.
     */
    public record Response<T>(@JsonUnwrapped T body) implements OperationResponseBody {
    }
}
