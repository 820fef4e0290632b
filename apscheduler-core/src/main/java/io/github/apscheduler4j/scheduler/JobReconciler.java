package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.StaleJobException;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a store agree with a job the application declares ({@link Scheduler#reconcileJob}): adds it when absent, leaves
 * a stored job that has its definition exactly as stored, and updates one whose definition changed, computing a new
 * next run time only when its trigger changed and never for a paused job. Every write is a compare-and-set: when
 * another instance added or changed the job meanwhile, the job is read and compared again, so that instances starting
 * at once converge on one row. Not thread safe: the scheduler guards it with its lock.
 */
final class JobReconciler {

    /** What was done, and the job as written (or found, when nothing was written; {@code null} when quarantined). */
    record Result(Reconciliation outcome, Job job) {

        /**
         * Logs what was done to the job, then dispatches its event and wakes the loop (neither when nothing was
         * written); called once the scheduler's lock is released.
         */
        void report(JobSpec spec, Consumer<SchedulerEvent> dispatch, Runnable wakeup) {
            List<SchedulerEvent> events = events(spec);
            events.forEach(dispatch);
            if (!events.isEmpty()) {
                wakeup.run();
            }
        }

        /** Logs what was done to the job in its store and returns the events it makes. */
        private List<SchedulerEvent> events(JobSpec spec) {
            String id = spec.id();
            String alias = spec.jobstore() != null ? spec.jobstore() : SchedulerConfig.DEFAULT_ALIAS;
            switch (outcome) {
                case ADDED -> {
                    log.info("Added job '{}' to job store '{}': {}", id, alias, job);
                    return List.of(new SchedulerEvent.JobAdded(id, alias));
                }
                case UPDATED -> log.info("Updated declared job '{}' in job store '{}' to its new definition, keeping"
                        + " its schedule: {}", id, alias, job);
                case RESCHEDULED -> log.info("Updated declared job '{}' in job store '{}' to its new definition; its"
                        + " trigger changed, so its next run time is computed anew: {}", id, alias, job);
                case UNCHANGED -> {
                    log.debug("Declared job '{}' is stored as declared; left as it is: {}", id, job);
                    return List.of();
                }
                case QUARANTINED -> {
                    log.warn("Declared job '{}' is not reconciled: job store '{}' holds a quarantined record of that"
                            + " id, left as it is for a person to look at; once it is removed from the store, the next"
                            + " start adds the job again", id, alias);
                    return List.of();
                }
            }
            return List.of(new SchedulerEvent.JobModified(id, alias));
        }
    }

    // under the scheduler's name, where these lines were logged before they had a class of their own
    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);

    private final JobSpecResolver specs;
    private final Supplier<ZonedDateTime> clock;

    JobReconciler(JobSpecResolver specs, Supplier<ZonedDateTime> clock) {
        this.specs = specs;
        this.clock = clock;
    }

    /** The declared job's id. @throws IllegalArgumentException when it has none */
    static String requireId(JobSpec spec) {
        if (spec.id() == null) {
            throw new IllegalArgumentException("A declared job needs an id, to be found in its store at the next start:"
                    + " job of target '" + spec.target().displayName() + "' has none");
        }
        return spec.id();
    }

    /**
     * Reconciles the declared job with its store, once its executor has accepted it.
     *
     * @throws StaleJobException when the job changed under every one of {@link JobDirectory#MAX_TRIES} tries
     */
    Result reconcile(JobSpec spec, ComponentRegistry<JobExecutor> executors, ComponentRegistry<JobStore> stores) {
        Job declared = specs.toJob(spec, clock.get());
        executors.require(declared.executor(), declared.id()).checkJob(declared);
        return reconcile(stores.require(declared.jobstore(), declared.id()), declared.id(), spec);
    }

    private Result reconcile(JobStore store, String id, JobSpec spec) {
        for (int attempt = 1;; attempt++) {
            // the time read as the write is made, again on each try: see rescheduleJob
            ZonedDateTime now = clock.get();
            Job stored = store.lookupJob(id);
            try {
                if (stored == null) {
                    if (isQuarantined(store, id)) {
                        return new Result(Reconciliation.QUARANTINED, null);
                    }
                    return add(store, spec, now);
                }
                return update(store, spec, stored, now);
            } catch (ConflictingIdException | StaleJobException | JobLookupException lostRace) {
                if (attempt == JobDirectory.MAX_TRIES) {
                    throw new StaleJobException(id, stored == null ? 0 : stored.version());
                }
            }
        }
    }

    private Result add(JobStore store, JobSpec spec, ZonedDateTime now) {
        Job job = declared(specs.toJob(spec, now));
        if (!spec.paused() && spec.nextRunTime() == null) {
            job = job.withNextRunTime(job.trigger().nextFireTime(null, now));
        }
        store.addJob(job);
        return new Result(Reconciliation.ADDED, job);
    }

    private Result update(JobStore store, JobSpec spec, Job stored, ZonedDateTime now) {
        Job asStored = declared(specs.toJobAsOf(spec, now, stored));
        boolean rescheduled = !stored.hasTriggerOf(asStored);
        if (!rescheduled && stored.declared() && stored.hasDefinitionOf(asStored)) {
            return new Result(Reconciliation.UNCHANGED, stored);
        }
        // a new trigger is a new schedule: what it reads from the clock (an interval's start) is read now
        Job declared = rescheduled ? declared(specs.toJob(spec, now)) : asStored;
        ZonedDateTime nextRunTime = stored.isPaused() || !rescheduled ? stored.nextRunTime()
                : declared.trigger().nextFireTime(null, now);
        Job updated = declared.advancedTo(nextRunTime, stored.version());
        store.updateJob(updated);
        return new Result(rescheduled ? Reconciliation.RESCHEDULED : Reconciliation.UPDATED, updated);
    }

    private static Job declared(Job job) {
        return job.toBuilder().declared(true).build();
    }

    private static boolean isQuarantined(JobStore store, String id) {
        return store.quarantinedJobs().stream().anyMatch(record -> record.id().equals(id));
    }
}
