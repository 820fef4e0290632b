package io.github.apscheduler4j.boot.jobs;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerState;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.trigger.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the scheduler holds, read for people: its state, stores, executors and jobs, each job with its last runs from
 * the {@link JobRunHistory}; and the actions taken on one job. The {@code apsjobs} actuator endpoint delegates here.
 */
public class ApSchedulerJobsService {

    /** How many fire times before a timeline's start are computed at most, per job, to reach the start. */
    static final int TIMELINE_MAX_SKIPPED_FIRES = 10_000;

    private final Scheduler scheduler;
    private final JobRunHistory history;
    private final ComponentTypes componentTypes;
    private final Clock clock;

    public ApSchedulerJobsService(Scheduler scheduler, JobRunHistory history) {
        this(scheduler, history, Clock.systemUTC());
    }

    /** @param clock what {@link #now()} reads; its zone does not matter, the scheduler's is applied */
    public ApSchedulerJobsService(Scheduler scheduler, JobRunHistory history, Clock clock) {
        this.scheduler = scheduler;
        this.history = history;
        this.componentTypes = new ComponentTypes(scheduler.getClass().getClassLoader());
        this.clock = clock;
    }

    /** The scheduler's state, time zone, stores, executors and jobs (pending jobs first, then by store and next run time). */
    public SchedulerSummary scheduler() {
        Map<String, ComponentSummary> jobstores = new LinkedHashMap<>();
        scheduler.jobStores().forEach((alias, store) -> jobstores.put(alias, component(store)));
        Map<String, ComponentSummary> executors = new LinkedHashMap<>();
        scheduler.executors().forEach((alias, executor) -> executors.put(alias, component(executor)));
        List<JobSummary> jobs = scheduler.getJobs().stream().map(ApSchedulerJobsService::summary).toList();
        return new SchedulerSummary(scheduler.state(), scheduler.timezone(), jobstores, executors, jobs);
    }

    /** Whether the scheduler is running, paused or stopped. */
    public SchedulerState state() {
        return scheduler.state();
    }

    /** The scheduler's time zone, which its jobs' times are given in unless their triggers name another. */
    public ZoneId timezone() {
        return scheduler.timezone();
    }

    /** The current time in the scheduler's time zone. */
    public ZonedDateTime now() {
        return ZonedDateTime.now(clock.withZone(scheduler.timezone()));
    }

    /** One job with its arguments and last runs, or {@code null} when there is no job with that id. */
    public JobDetails job(String id) {
        Job job = scheduler.getJob(id);
        if (job == null) {
            return null;
        }
        return new JobDetails(summary(job), job.args(), job.kwargs(), history.runs(id));
    }

    /** The job's last run, or {@code null} when it has not run (or there is no job with that id). */
    public JobRun lastRun(String id) {
        return history.lastRun(id);
    }

    /**
     * Each job's fire times from {@code from} (inclusive) to {@code to} (exclusive), as the scheduler will compute
     * them: the job's next run time, then its trigger's next fire time after each, one after another; and its runs in
     * the history that started (or were due) in that window. A paused job has no fire times.
     *
     * @param now the current time: each fire time after the first is asked of the trigger as the scheduler will ask,
     *     at the previous fire time or now, whichever is later
     * @param maxFiresPerJob the most fire times to compute per job; a job with more is {@link JobFireTimes#truncated}
     * @return one entry per job, in the order of {@link #scheduler()}'s jobs
     */
    public List<JobFireTimes> timeline(ZonedDateTime from, ZonedDateTime to, ZonedDateTime now, int maxFiresPerJob) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("timeline 'from' must be before 'to' but was " + from + " and " + to);
        }
        if (maxFiresPerJob < 1) {
            throw new IllegalArgumentException("maxFiresPerJob must be at least 1 but was " + maxFiresPerJob);
        }
        List<JobFireTimes> timeline = new ArrayList<>();
        for (Job job : scheduler.getJobs()) {
            List<ZonedDateTime> fires = new ArrayList<>();
            boolean truncated = fireTimes(job, from, to, now, maxFiresPerJob, fires);
            List<JobRun> runs = history.runs(job.id()).stream().filter(run -> within(runTime(run), from, to)).toList();
            timeline.add(new JobFireTimes(job.id(), job.name(), job.isPaused(), List.copyOf(fires), truncated, runs));
        }
        return timeline;
    }

    /** Adds the job's fire times in the window to {@code fires}; true when it stopped at a cap, not at the window's end. */
    private static boolean fireTimes(Job job, ZonedDateTime from, ZonedDateTime to, ZonedDateTime now, int max,
            List<ZonedDateTime> fires) {
        Trigger trigger = job.trigger();
        ZonedDateTime next = job.nextRunTime();
        // a window far ahead of a job firing every second must not keep the request busy: bound the fires skipped too
        int steps = 0;
        int maxSteps = max + TIMELINE_MAX_SKIPPED_FIRES;
        while (next != null && next.isBefore(to)) {
            if (fires.size() == max || steps++ == maxSteps) {
                return true;
            }
            if (!next.isBefore(from)) {
                fires.add(next);
            }
            ZonedDateTime previous = next;
            // as the scheduler asks once the fire is due: "now" is then the fire time, or the present if later
            next = trigger.nextFireTime(previous, previous.isAfter(now) ? previous : now);
            if (next != null && !next.isAfter(previous)) {
                // a trigger that does not move forward would loop here for ever
                return true;
            }
        }
        return false;
    }

    private static ZonedDateTime runTime(JobRun run) {
        return run.started() != null ? run.started() : run.scheduledRunTime();
    }

    private static boolean within(ZonedDateTime time, ZonedDateTime from, ZonedDateTime to) {
        return time != null && !time.isBefore(from) && time.isBefore(to);
    }

    /**
     * Pauses, resumes, runs now or removes a job.
     *
     * @return what came of it, or {@code null} when there is no job with that id
     */
    public JobActionResult apply(String id, JobAction action) {
        Job job = scheduler.getJob(id);
        if (job == null) {
            return null;
        }
        String jobstore = job.jobstore();
        try {
            boolean accepted = true;
            switch (action) {
                case PAUSE -> scheduler.pauseJob(id, jobstore);
                case RESUME -> scheduler.resumeJob(id, jobstore);
                case RUN -> accepted = scheduler.runJob(id, jobstore);
                case REMOVE -> scheduler.removeJob(id, jobstore);
            }
            Job after = action == JobAction.REMOVE ? job : scheduler.getJob(id, jobstore);
            return new JobActionResult(id, action, accepted, after == null ? null : summary(after));
        } catch (JobLookupException e) {
            // removed by someone else since it was looked up
            return null;
        }
    }

    private ComponentSummary component(Object component) {
        return new ComponentSummary(componentTypes.typeOf(component), component.getClass().getName(),
                component.toString());
    }

    private static JobSummary summary(Job job) {
        Trigger trigger = job.trigger();
        return new JobSummary(job.id(), job.name(), job.target().displayName(),
                new TriggerSummary(trigger.type(), trigger.toString(), trigger.arguments()), job.nextRunTime(),
                job.jobstore(), job.executor(), job.isPaused(), job.coalesce(), job.maxInstances(),
                job.misfireGraceTime());
    }

    /** What can be done to one job. */
    public enum JobAction {
        PAUSE, RESUME, RUN, REMOVE;

        /** The action named {@code name} (any case), or {@code null} when there is none. */
        public static JobAction of(String name) {
            if (name == null) {
                return null;
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * The scheduler as a whole.
     *
     * @param jobstores the stores by alias, in the order the scheduler looks at them
     * @param executors the executors by alias
     */
    public record SchedulerSummary(SchedulerState state, ZoneId timezone, Map<String, ComponentSummary> jobstores,
            Map<String, ComponentSummary> executors, List<JobSummary> jobs) {
    }

    /**
     * A store or an executor.
     *
     * @param type the {@code type} alias configuration names it by ({@code memory}), or its class name
     * @param className its class
     * @param description its {@code toString()}, which shows its settings
     */
    public record ComponentSummary(String type, String className, String description) {
    }

    /**
     * A job's schedule and settings.
     *
     * @param target the reference of what the job runs ({@code bean:reports.nightly})
     * @param nextRunTime {@code null} while paused
     * @param jobstore the alias of the store holding the job
     * @param misfireGraceTime {@code null} for no limit
     */
    public record JobSummary(String id, String name, String target, TriggerSummary trigger, ZonedDateTime nextRunTime,
            String jobstore, String executor, boolean paused, boolean coalesce, int maxInstances,
            Duration misfireGraceTime) {
    }

    /**
     * A trigger, for people and for programs.
     *
     * @param type its alias ({@code cron})
     * @param description as APScheduler prints it ({@code cron[hour='3']})
     * @param arguments the keyword arguments that rebuild it
     */
    public record TriggerSummary(String type, String description, Map<String, Object> arguments) {
    }

    /**
     * One job in full.
     *
     * @param runs its last runs, newest first
     */
    public record JobDetails(JobSummary job, List<Object> args, Map<String, Object> kwargs, List<JobRun> runs) {
    }

    /**
     * A job's fire times in a window of time, and its runs in it.
     *
     * @param paused a paused job has no fire times
     * @param fireTimes in order
     * @param truncated whether there are more fire times in the window than were computed
     * @param runs its runs in the window, from the history, newest first
     */
    public record JobFireTimes(String id, String name, boolean paused, List<ZonedDateTime> fireTimes, boolean truncated,
            List<JobRun> runs) {
    }

    /**
     * What came of an action on a job.
     *
     * @param accepted {@code false} when a run now was refused because the job's {@code max_instances} runs are under way
     * @param job the job after the action, or as it was for {@link JobAction#REMOVE}; {@code null} when resuming found
     *     no fire time left, so that the job was removed
     */
    public record JobActionResult(String id, JobAction action, boolean accepted, JobSummary job) {
    }
}
