package io.github.apscheduler4j.event;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

/** Everything the scheduler reports, as APScheduler's events: one record per kind. */
public sealed interface SchedulerEvent {

    EventType type();

    /** An event about one job. */
    sealed interface JobEvent extends SchedulerEvent {
        String jobId();

        /** The alias of the job's store; {@code null} for a pending job. */
        String jobstore();
    }

    record SchedulerStarted() implements SchedulerEvent {
        public EventType type() {
            return EventType.SCHEDULER_STARTED;
        }
    }

    record SchedulerShutdown() implements SchedulerEvent {
        public EventType type() {
            return EventType.SCHEDULER_SHUTDOWN;
        }
    }

    record SchedulerPaused() implements SchedulerEvent {
        public EventType type() {
            return EventType.SCHEDULER_PAUSED;
        }
    }

    record SchedulerResumed() implements SchedulerEvent {
        public EventType type() {
            return EventType.SCHEDULER_RESUMED;
        }
    }

    record ExecutorAdded(String alias) implements SchedulerEvent {
        public EventType type() {
            return EventType.EXECUTOR_ADDED;
        }
    }

    record ExecutorRemoved(String alias) implements SchedulerEvent {
        public EventType type() {
            return EventType.EXECUTOR_REMOVED;
        }
    }

    record JobStoreAdded(String alias) implements SchedulerEvent {
        public EventType type() {
            return EventType.JOBSTORE_ADDED;
        }
    }

    record JobStoreRemoved(String alias) implements SchedulerEvent {
        public EventType type() {
            return EventType.JOBSTORE_REMOVED;
        }
    }

    /** All jobs were removed from one store, or from every store when {@code jobstore} is {@code null}. */
    record AllJobsRemoved(String jobstore) implements SchedulerEvent {
        public EventType type() {
            return EventType.ALL_JOBS_REMOVED;
        }
    }

    record JobAdded(String jobId, String jobstore) implements JobEvent {
        public EventType type() {
            return EventType.JOB_ADDED;
        }
    }

    record JobRemoved(String jobId, String jobstore) implements JobEvent {
        public EventType type() {
            return EventType.JOB_REMOVED;
        }
    }

    record JobModified(String jobId, String jobstore) implements JobEvent {
        public EventType type() {
            return EventType.JOB_MODIFIED;
        }
    }

    /** The job's runs were handed to its executor. */
    record JobSubmitted(String jobId, String jobstore, List<ZonedDateTime> scheduledRunTimes) implements JobEvent {
        public EventType type() {
            return EventType.JOB_SUBMITTED;
        }
    }

    /** The job's runs were skipped: {@code maxInstances} runs of it were already under way. */
    record JobMaxInstances(String jobId, String jobstore, List<ZonedDateTime> scheduledRunTimes, int maxInstances)
            implements JobEvent {
        public EventType type() {
            return EventType.JOB_MAX_INSTANCES;
        }
    }

    /** One run ended normally. {@code scheduledRunTime} is {@code null} for a run started by {@code runJob}. */
    record JobExecuted(String jobId, String jobstore, ZonedDateTime scheduledRunTime, ZonedDateTime started,
            Duration duration, Object returnValue) implements JobEvent {
        public EventType type() {
            return EventType.JOB_EXECUTED;
        }
    }

    /** One run threw {@code exception}. */
    record JobError(String jobId, String jobstore, ZonedDateTime scheduledRunTime, ZonedDateTime started,
            Duration duration, Throwable exception) implements JobEvent {
        public EventType type() {
            return EventType.JOB_ERROR;
        }
    }

    /** One run was not started: it was later than the job's misfire grace time allows. */
    record JobMissed(String jobId, String jobstore, ZonedDateTime scheduledRunTime, Duration lateness)
            implements JobEvent {
        public EventType type() {
            return EventType.JOB_MISSED;
        }
    }

    /**
     * Many runs of a job were not started at once: more came due together than one check hands out (after a long
     * outage, with {@code coalesce} off), and the oldest of them were dropped. Of type {@link EventType#JOB_MISSED},
     * so that a listener of missed runs hears of them.
     *
     * @param count how many runs were dropped, from {@code firstScheduledRunTime} to {@code lastScheduledRunTime}
     */
    record JobRunsMissed(String jobId, String jobstore, long count, ZonedDateTime firstScheduledRunTime,
            ZonedDateTime lastScheduledRunTime) implements JobEvent {
        public EventType type() {
            return EventType.JOB_MISSED;
        }
    }

    /**
     * A fire that an instance claimed and never ended, as it died (its lease ran out), and that is not run again: its
     * job's recovery is {@code none}, or it was already a rerun. Reported by the live instance that took it over.
     *
     * @param deadInstanceId the instance that held the fire
     * @param attempt the attempt that instance was running
     */
    record JobAbandoned(String jobId, String jobstore, ZonedDateTime scheduledRunTime, String deadInstanceId,
            int attempt) implements JobEvent {
        public EventType type() {
            return EventType.JOB_ABANDONED;
        }
    }

    /**
     * A run failed and its fire will be tried again, from {@code retryAt} on, as {@code nextAttempt}, on whichever
     * instance takes it first.
     */
    record JobRetryScheduled(String jobId, String jobstore, ZonedDateTime scheduledRunTime, int nextAttempt,
            ZonedDateTime retryAt) implements JobEvent {
        public EventType type() {
            return EventType.JOB_RETRY_SCHEDULED;
        }
    }
}
