package io.github.apscheduler4j.boot.dashboard;

import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.JobAction;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService.JobFireTimes;
import io.github.apscheduler4j.boot.jobs.JobActionDescriptor;
import io.github.apscheduler4j.boot.jobs.JobDescriptor;
import io.github.apscheduler4j.boot.jobs.JobDetailsDescriptor;
import io.github.apscheduler4j.boot.jobs.JobRun;
import io.github.apscheduler4j.boot.jobs.JobRunDescriptor;
import io.github.apscheduler4j.boot.jobs.SchedulerDescriptor;
import io.github.apscheduler4j.boot.jobs.SchedulerStatusDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The jobs dashboard: its page ({@code {path}/}) and the JSON the page reads and posts ({@code {path}/api/...}), all
 * answered by the {@link ApSchedulerJobsService} that the {@code apsjobs} endpoint uses too. Changing a job needs
 * the {@link DashboardAccess}'s consent, else the answer is 403. Each answer is the scheduler's status and what one
 * view of the page shows, made of the service's descriptors; the timeline's times are epoch milliseconds, which the
 * page draws with.
 */
@RestController
@RequestMapping("${apscheduler.dashboard.path:/apscheduler}")
public class ApSchedulerDashboardController {

    /** The longest timeline asked for at once. */
    static final Duration MAX_TIMELINE_SPAN = Duration.ofDays(31);

    /** Where the page's files are in the jar: not a location Spring Boot serves static files from by itself. */
    static final String RESOURCES = "META-INF/apscheduler-dashboard/";

    private static final Set<JobAction> POST_ACTIONS = EnumSet.of(JobAction.PAUSE, JobAction.RESUME, JobAction.RUN);
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

    private final ApSchedulerJobsService service;
    private final DashboardAccess access;
    private final ApSchedulerDashboardProperties properties;

    public ApSchedulerDashboardController(ApSchedulerJobsService service, DashboardAccess access,
            ApSchedulerDashboardProperties properties) {
        this.service = service;
        this.access = access;
        this.properties = properties;
    }

    /** {@code {path}} → {@code {path}/}, so that the page's relative links resolve under the dashboard's path. */
    @GetMapping("")
    public ResponseEntity<Void> redirectToPage() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(ServletUriComponentsBuilder.fromCurrentRequest().path("/").build().toUri())
                .build();
    }

    /** The page; its script and style sheet are served next to it. */
    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .contentType(MediaType.TEXT_HTML)
                .body(new ClassPathResource(RESOURCES + "index.html",
                        ApSchedulerDashboardController.class.getClassLoader()));
    }

    /** Who is asking and what they may do: the page shows or hides its actions, and sends the CSRF token back. */
    @GetMapping("/api/session")
    public SessionDescriptor session(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        BeanWrapper csrf = csrfToken(request);
        return new SessionDescriptor(user == null ? null : user.getName(), access.mayChangeJobs(request),
                access.requiredRole(), properties.getRefreshInterval().toMillis(),
                csrf == null ? null : (String) csrf.getPropertyValue("headerName"),
                csrf == null ? null : (String) csrf.getPropertyValue("token"));
    }

    /** The scheduler and its jobs, each with its last run. */
    @GetMapping("/api/jobs")
    public JobsView jobs() {
        SchedulerDescriptor scheduler = service.scheduler();
        return new JobsView(scheduler.status(), scheduler.jobs());
    }

    /** One job with its last runs, not its arguments; 404 when there is none. */
    @GetMapping("/api/jobs/{id}")
    public ResponseEntity<JobView> job(@PathVariable String id) {
        JobDetailsDescriptor details = service.job(id);
        if (details == null) {
            return ResponseEntity.notFound().build();
        }
        // the arguments may hold secrets, and the dashboard has no sanitizer: the endpoint shows them
        return ResponseEntity.ok(new JobView(service.status(), details.job(), details.runs()));
    }

    /**
     * Each job's fire times between {@code from} and {@code to} (ISO-8601 with an offset, or epoch milliseconds), by
     * default the next 24 hours; 400 when the window is empty or longer than {@link #MAX_TIMELINE_SPAN}.
     */
    @GetMapping("/api/timeline")
    public ResponseEntity<?> timeline(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ZonedDateTime now = service.now();
        ZoneId zone = now.getZone();
        ZonedDateTime start;
        ZonedDateTime end;
        try {
            start = from == null ? now : parse(from, zone);
            end = to == null ? start.plusHours(24) : parse(to, zone);
        } catch (DateTimeParseException | NumberFormatException e) {
            return badRequest("'from' and 'to' must be ISO-8601 date-times with an offset or epoch milliseconds: "
                    + e.getMessage());
        }
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_TIMELINE_SPAN) > 0) {
            return badRequest("'from' must be before 'to', and at most " + MAX_TIMELINE_SPAN.toDays()
                    + " days before it, but they were " + start + " and " + end);
        }
        List<LaneDescriptor> lanes = service.timeline(start, end, now, properties.getTimelineMaxFires()).stream()
                .map(LaneDescriptor::of)
                .toList();
        return ResponseEntity.ok(new TimelineView(SchedulerStatusDescriptor.of(service.state(), now), millis(start),
                millis(end), lanes));
    }

    /** Pauses, resumes or runs a job now: {@code action} is {@code pause}, {@code resume} or {@code run}. */
    @PostMapping("/api/jobs/{id}/{action}")
    public ResponseEntity<?> act(@PathVariable String id, @PathVariable String action, HttpServletRequest request) {
        JobAction parsed = JobAction.of(action);
        if (parsed == null || !POST_ACTIONS.contains(parsed)) {
            return badRequest("Unknown action '" + action + "'; known actions: pause, resume, run");
        }
        return apply(id, parsed, request);
    }

    /** Removes a job. */
    @DeleteMapping("/api/jobs/{id}")
    public ResponseEntity<?> remove(@PathVariable String id, HttpServletRequest request) {
        return apply(id, JobAction.REMOVE, request);
    }

    private ResponseEntity<?> apply(String id, JobAction action, HttpServletRequest request) {
        String refusal = access.refusal(request);
        if (refusal != null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new MessageDescriptor(refusal));
        }
        JobActionDescriptor result;
        try {
            result = service.apply(id, action);
        } catch (IllegalStateException e) {
            // "Scheduler is not running"
            return ResponseEntity.status(HttpStatus.CONFLICT).body(new MessageDescriptor(e.getMessage()));
        }
        if (result == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(new MessageDescriptor("No job with id '" + id + "'"));
        }
        return ResponseEntity.ok(result);
    }

    private static ResponseEntity<MessageDescriptor> badRequest(String message) {
        return ResponseEntity.badRequest().body(new MessageDescriptor(message));
    }

    /** Spring Security's CSRF token of this request, read as a bean so that this class needs no Spring Security. */
    private static BeanWrapper csrfToken(HttpServletRequest request) {
        Object token = request.getAttribute("_csrf");
        if (token == null) {
            return null;
        }
        try {
            BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(token);
            return wrapper.isReadableProperty("headerName") && wrapper.isReadableProperty("token") ? wrapper : null;
        } catch (BeansException e) {
            return null;
        }
    }

    private static ZonedDateTime parse(String value, ZoneId zone) {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(value)).atZone(zone);
        }
        return OffsetDateTime.parse(value).atZoneSameInstant(zone);
    }

    private static long millis(ZonedDateTime time) {
        return time.toInstant().toEpochMilli();
    }

    /** What the page's jobs view shows: the table of jobs. */
    public record JobsView(SchedulerStatusDescriptor scheduler, List<JobDescriptor> jobs) {
    }

    /**
     * What the page's job view shows: one job and its run history.
     *
     * @param runs newest first
     */
    public record JobView(SchedulerStatusDescriptor scheduler, JobDescriptor job, List<JobRunDescriptor> runs) {
    }

    /**
     * What the page's timeline view shows: the jobs' fire times in a window, in epoch milliseconds.
     *
     * @param lanes one per job
     */
    public record TimelineView(SchedulerStatusDescriptor scheduler, long from, long to,
            List<LaneDescriptor> lanes) {
    }

    /**
     * One job in the timeline.
     *
     * @param fires its fire times in the window, epoch milliseconds, in order
     * @param truncated whether it fires more often in the window than {@code fires} shows
     * @param runs its runs in the window
     */
    public record LaneDescriptor(String id, String name, boolean paused, List<Long> fires, boolean truncated,
            List<LaneRunDescriptor> runs) {

        static LaneDescriptor of(JobFireTimes times) {
            return new LaneDescriptor(times.id(), times.name(), times.paused(),
                    times.fireTimes().stream().map(ApSchedulerDashboardController::millis).toList(), times.truncated(),
                    times.runs().stream().map(LaneRunDescriptor::of).toList());
        }
    }

    /**
     * A run in the timeline.
     *
     * @param at when it started, or was due when it never started
     */
    public record LaneRunDescriptor(long at, String outcome) {

        static LaneRunDescriptor of(JobRun run) {
            return new LaneRunDescriptor(millis(run.started() != null ? run.started() : run.scheduledRunTime()),
                    run.outcome().name());
        }
    }

    /**
     * The user and what the page may offer them.
     *
     * @param user {@code null} when not signed in
     * @param mayChangeJobs whether pause, resume, run and remove are allowed
     * @param requiredRole the role changing jobs needs; {@code null} when anyone may
     * @param refreshMillis how often the page asks for fresh data
     * @param csrfHeader with {@code csrfToken}, what to send with changes when Spring Security asks for it
     */
    public record SessionDescriptor(String user, boolean mayChangeJobs, String requiredRole, long refreshMillis,
            String csrfHeader, String csrfToken) {
    }

    /** Why a request was refused. */
    public record MessageDescriptor(String message) {
    }
}
