package io.github.apscheduler4j.boot.jobs;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last runs of each job, newest first, kept in memory from the scheduler's events: at most {@code runsPerJob}
 * per job and the jobs seen most recently, at most {@link #MAX_JOBS}, so that one-shot jobs with generated ids cannot
 * make it grow without bound. Thread safe.
 */
public class JobRunHistory implements SchedulerListener {

    /** How many jobs the history follows at most; the one that ran least recently is forgotten first. */
    public static final int MAX_JOBS = 1000;

    private final int runsPerJob;
    private final Map<String, Deque<JobRun>> runs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<JobRun>> eldest) {
            return size() > MAX_JOBS;
        }
    };

    /** @param runsPerJob how many runs to keep per job; 0 keeps none */
    public JobRunHistory(int runsPerJob) {
        if (runsPerJob < 0) {
            throw new IllegalArgumentException("history size must not be negative but was " + runsPerJob);
        }
        this.runsPerJob = runsPerJob;
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        if (event instanceof SchedulerEvent.JobExecuted e) {
            record(e.jobId(), new JobRun(e.scheduledRunTime(), e.started(), e.duration(), JobRunOutcome.SUCCESS, null));
        } else if (event instanceof SchedulerEvent.JobError e) {
            record(e.jobId(), new JobRun(e.scheduledRunTime(), e.started(), e.duration(), JobRunOutcome.ERROR,
                    describe(e.exception())));
        } else if (event instanceof SchedulerEvent.JobMissed e) {
            record(e.jobId(), new JobRun(e.scheduledRunTime(), null, null, JobRunOutcome.MISSED, null));
        } else if (event instanceof SchedulerEvent.JobRunsMissed e) {
            // one entry for the many: the latest of the runs dropped, as a history of a month of seconds would not fit
            record(e.jobId(), new JobRun(e.lastScheduledRunTime(), null, null, JobRunOutcome.MISSED,
                    e.count() + " runs from " + e.firstScheduledRunTime() + " were missed at once"));
        } else if (event instanceof SchedulerEvent.JobMaxInstances e) {
            for (ZonedDateTime runTime : e.scheduledRunTimes()) {
                record(e.jobId(), new JobRun(runTime, null, null, JobRunOutcome.SKIPPED, null));
            }
        } else if (event instanceof SchedulerEvent.JobRemoved e) {
            forget(e.jobId());
        } else if (event instanceof SchedulerEvent.AllJobsRemoved) {
            // the history does not know which store a job was in: forgetting a little too much is harmless
            forgetAll();
        }
    }

    /** The job's last runs, newest first; empty for a job that has not run. */
    public List<JobRun> runs(String jobId) {
        synchronized (runs) {
            Deque<JobRun> jobRuns = runs.get(jobId);
            return jobRuns == null ? List.of() : List.copyOf(jobRuns);
        }
    }

    /** The job's last run, or {@code null} for a job that has not run. */
    public JobRun lastRun(String jobId) {
        synchronized (runs) {
            Deque<JobRun> jobRuns = runs.get(jobId);
            return jobRuns == null ? null : jobRuns.peekFirst();
        }
    }

    private void record(String jobId, JobRun run) {
        if (runsPerJob == 0) {
            return;
        }
        synchronized (runs) {
            Deque<JobRun> jobRuns = runs.computeIfAbsent(jobId, id -> new ArrayDeque<>());
            jobRuns.addFirst(run);
            while (jobRuns.size() > runsPerJob) {
                jobRuns.removeLast();
            }
        }
    }

    private void forget(String jobId) {
        synchronized (runs) {
            runs.remove(jobId);
        }
    }

    private void forgetAll() {
        synchronized (runs) {
            runs.clear();
        }
    }

    private static String describe(Throwable exception) {
        String message = exception.getMessage();
        return exception.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
