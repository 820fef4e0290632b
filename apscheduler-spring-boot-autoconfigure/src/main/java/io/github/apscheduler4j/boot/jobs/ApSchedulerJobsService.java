package io.github.apscheduler4j.boot.jobs;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.scheduler.ComponentFactories;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerState;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.trigger.Trigger;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the scheduler holds, read for people: its state, stores, executors and jobs, each job with its last runs from
 * the {@link JobRunHistory}; and the actions taken on one job. The {@code apsjobs} actuator endpoint and the
 * dashboard delegate here, and answer with the descriptors it returns, so that both write a job, a trigger and a run
 * alike.
 */
public class ApSchedulerJobsService {

    /** How many fire times before a timeline's start are computed at most, per job, to reach the start. */
    static final int TIMELINE_MAX_SKIPPED_FIRES = 10_000;

    private final Scheduler scheduler;
    private final JobRunHistory history;
    private final ComponentFactories componentFactories;
    private final Clock clock;

    public ApSchedulerJobsService(Scheduler scheduler, JobRunHistory history) {
        this(scheduler, history, Clock.systemUTC());
    }

    /** @param clock what {@link #now()} reads; its zone does not matter, the scheduler's is applied */
    public ApSchedulerJobsService(Scheduler scheduler, JobRunHistory history, Clock clock) {
        this.scheduler = scheduler;
        this.history = history;
        this.componentFactories = ComponentFactories.load(scheduler.getClass().getClassLoader());
        this.clock = clock;
    }

    /** The scheduler's status, stores, executors and jobs (pending jobs first, then by store and next run time). */
    public SchedulerDescriptor scheduler() {
        Map<String, ComponentDescriptor> jobstores = new LinkedHashMap<>();
        scheduler.jobStores().forEach((alias, store) -> jobstores.put(alias, component(componentFactories.typeOf(store), store)));
        Map<String, ComponentDescriptor> executors = new LinkedHashMap<>();
        scheduler.executors().forEach((alias, executor) -> executors.put(alias, component(componentFactories.typeOf(executor), executor)));
        LocalTrouble trouble = localTrouble();
        List<JobDescriptor> jobs = scheduler.getJobs().stream()
                .map(job -> JobDescriptor.of(job, history.lastRun(job.id()), trouble.of(job))).toList();
        return new SchedulerDescriptor(status(), jobstores, executors, jobs);
    }

    /** Whether the scheduler is running, its time zone and the time now. */
    public SchedulerStatusDescriptor status() {
        return SchedulerStatusDescriptor.of(scheduler.state(), now());
    }

    /** Whether the scheduler is running, paused or stopped. */
    public SchedulerState state() {
        return scheduler.state();
    }

    /**
     * The current time in the scheduler's time zone, which its jobs' times are given in unless their triggers name
     * another.
     */
    public ZonedDateTime now() {
        return ZonedDateTime.now(clock.withZone(scheduler.timezone()));
    }

    /**
     * One job with its arguments, as the job holds them, and its last runs; {@code null} when there is no job with
     * that id.
     */
    public JobDetailsDescriptor job(String id) {
        Job job = scheduler.getJob(id);
        if (job == null) {
            return null;
        }
        List<JobRun> runs = history.runs(id);
        // the last run from the same read as the runs, so that the two cannot disagree
        JobDescriptor described = JobDescriptor.of(job, runs.isEmpty() ? null : runs.get(0), localTrouble().of(job));
        return new JobDetailsDescriptor(described, job.args(), job.kwargs(),
                runs.stream().map(JobRunDescriptor::of).toList());
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
    public JobActionDescriptor apply(String id, JobAction action) {
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
            return new JobActionDescriptor(id, action.name().toLowerCase(Locale.ROOT), accepted,
                    after == null ? null : describe(after));
        } catch (JobLookupException e) {
            // removed by someone else since it was looked up
            return null;
        }
    }

    private static ComponentDescriptor component(String type, Object component) {
        return new ComponentDescriptor(type, component.getClass().getName(), component.toString());
    }

    private JobDescriptor describe(Job job) {
        return JobDescriptor.of(job, history.lastRun(job.id()), localTrouble().of(job));
    }

    private LocalTrouble localTrouble() {
        // before start the executors are not all there yet (the default one comes with start): nothing to say then
        return new LocalTrouble(scheduler.jobsNotRunnableHere(), scheduler.executors().keySet(), scheduler.isRunning());
    }

    /**
     * Why this instance cannot run a job: what its loop reported on skipping it, or, for a job not due yet, what it
     * will find (a target that does not resolve here, an executor not configured here).
     */
    private record LocalTrouble(Map<String, String> reported, Set<String> executors, boolean started) {

        String of(Job job) {
            String reason = reported.get(job.id());
            if (reason != null || !started) {
                return reason;
            }
            if (!executors.contains(job.executor())) {
                return "its executor '" + job.executor() + "' is not configured here";
            }
            return job.target().isResolved() ? null
                    : "its target '" + job.target().reference() + "' cannot be resolved here";
        }
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
}
