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
 * The last runs of each job, newest first, kept in memory from the scheduler's events (a failed run notes the retry
 * that follows it; a run whose instance died is {@link JobRunOutcome#ABANDONED}): at most {@code runsPerJob}
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

    // notes of retries whose failed run has not been reported yet, by fire: bounded, as a failure might never come
    private final Map<String, String> retryNotes = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
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
                    describe(e.exception()), takeRetryNote(e.jobId(), e.scheduledRunTime())));
        } else if (event instanceof SchedulerEvent.JobRetryScheduled e) {
            noteRetry(e);
        } else if (event instanceof SchedulerEvent.JobAbandoned e) {
            record(e.jobId(), new JobRun(e.scheduledRunTime(), null, null, JobRunOutcome.ABANDONED, null,
                    "instance '" + e.deadInstanceId() + "' stopped renewing its lease while running attempt "
                            + e.attempt() + " (it died or lost the store); not run again"));
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

    /**
     * Notes the retry on the failed run it follows. The scheduler reports the retry while it handles the failure, so
     * the history hears of the retry first, as a rule: the note then waits for the failure.
     */
    private void noteRetry(SchedulerEvent.JobRetryScheduled retry) {
        String note = "attempt " + retry.nextAttempt() + " follows from " + Iso8601.dateTime(retry.retryAt());
        synchronized (runs) {
            Deque<JobRun> jobRuns = runs.get(retry.jobId());
            JobRun newest = jobRuns == null ? null : jobRuns.peekFirst();
            if (newest != null && newest.outcome() == JobRunOutcome.ERROR && newest.note() == null
                    && sameTime(newest.scheduledRunTime(), retry.scheduledRunTime())) {
                jobRuns.removeFirst();
                jobRuns.addFirst(newest.withNote(note));
            } else {
                retryNotes.put(fireKey(retry.jobId(), retry.scheduledRunTime()), note);
            }
        }
    }

    private String takeRetryNote(String jobId, ZonedDateTime scheduledRunTime) {
        if (scheduledRunTime == null) {
            return null;
        }
        synchronized (runs) {
            return retryNotes.remove(fireKey(jobId, scheduledRunTime));
        }
    }

    private static String fireKey(String jobId, ZonedDateTime scheduledRunTime) {
        return jobId + "@" + scheduledRunTime.toInstant();
    }

    private static boolean sameTime(ZonedDateTime a, ZonedDateTime b) {
        return a != null && b != null && a.toInstant().equals(b.toInstant());
    }

    private void forget(String jobId) {
        synchronized (runs) {
            runs.remove(jobId);
        }
    }

    private void forgetAll() {
        synchronized (runs) {
            runs.clear();
            retryNotes.clear();
        }
    }

    private static String describe(Throwable exception) {
        String message = exception.getMessage();
        return exception.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
