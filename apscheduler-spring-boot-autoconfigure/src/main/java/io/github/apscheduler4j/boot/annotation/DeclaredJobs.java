package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Reconciliation;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobLookupException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the scheduler's stores agree with the jobs the application declares with {@code @ApsJob}: each is reconciled
 * with its stored form ({@link Scheduler#reconcileJob}) rather than replaced, so that a job an operator paused stays
 * paused across a deploy and an interval keeps its phase; then the stored jobs that an {@code @ApsJob} declared
 * earlier and none declares now are kept, paused or removed, as {@link OrphanPolicy} ({@value #ORPHANS_PROPERTY})
 * says.
 */
public class DeclaredJobs {

    /** The property that chooses the {@link OrphanPolicy}. */
    public static final String ORPHANS_PROPERTY = "apscheduler.declared-jobs.orphans";

    private static final Logger log = LoggerFactory.getLogger(DeclaredJobs.class);

    private final Scheduler scheduler;
    private final OrphanPolicy orphans;

    public DeclaredJobs(Scheduler scheduler, OrphanPolicy orphans) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.orphans = Objects.requireNonNull(orphans, "orphans");
    }

    /** Where a declared job is kept: its store's alias and its id. */
    record JobKey(String jobstore, String id) {

        static JobKey of(JobSpec spec) {
            return new JobKey(spec.jobstore() != null ? spec.jobstore() : SchedulerConfig.DEFAULT_ALIAS, spec.id());
        }

        static JobKey of(Job job) {
            return new JobKey(job.jobstore(), job.id());
        }
    }

    /**
     * What the application does once its scheduler runs: reconciles the jobs declared so far, then deals with the
     * stored jobs marked declared that are not among {@code declaredNow} (every job an {@code @ApsJob} of the
     * application declares, those of beans not created yet too).
     */
    void reconcileAtStart(Collection<ApsJobDefinition> definitions, Set<JobKey> declaredNow) {
        Map<Reconciliation, Integer> outcomes = new EnumMap<>(Reconciliation.class);
        for (ApsJobDefinition definition : definitions) {
            outcomes.merge(reconcile(definition), 1, Integer::sum);
        }
        if (!definitions.isEmpty()) {
            log.info("Reconciled the {} jobs declared with @ApsJob with their stores: {}", definitions.size(), outcomes);
        }
        handleOrphans(declaredNow);
    }

    /** Reconciles one declared job with its store. @throws InvalidApsJobException naming its method */
    Reconciliation reconcile(ApsJobDefinition definition) {
        try {
            return scheduler.reconcileJob(definition.spec());
        } catch (IllegalArgumentException e) {
            throw new InvalidApsJobException(definition.method(), e.getMessage(), e);
        }
    }

    private void handleOrphans(Set<JobKey> declaredNow) {
        for (String alias : scheduler.jobStores().keySet()) {
            List<Job> stored;
            try {
                stored = scheduler.getJobs(alias);
            } catch (RuntimeException e) {
                // the application starts without a store that does not answer, as it does without declared jobs in it
                log.warn("Job store '{}' was not looked at for jobs that no @ApsJob declares any more: {}; it is looked"
                        + " at again at the next start", alias, String.valueOf(e));
                continue;
            }
            for (Job job : stored) {
                if (job.declared() && !declaredNow.contains(JobKey.of(job))) {
                    handleOrphan(job);
                }
            }
        }
    }

    private void handleOrphan(Job job) {
        try {
            act(job);
        } catch (JobLookupException e) {
            log.debug("Job '{}' that no @ApsJob declares any more was removed meanwhile", job.id(), e);
        }
    }

    /** What {@link #orphans} says to do with the job. */
    private void act(Job job) {
        switch (orphans) {
            case KEEP -> log.warn("Job '{}' in job store '{}' was declared by an @ApsJob that the application no longer"
                    + " has (or that names another id or store); it is kept, and runs as before: {}. Remove it (DELETE"
                    + " /actuator/apsjobs/{}), or set {} to pause or remove to have such jobs paused or removed at"
                    + " start", job.id(), job.jobstore(), job, job.id(), ORPHANS_PROPERTY);
            case PAUSE -> {
                if (!job.isPaused()) {
                    scheduler.pauseJob(job.id(), job.jobstore());
                    log.warn("Paused job '{}' in job store '{}': the @ApsJob that declared it is gone ({}=pause);"
                            + " resume or remove it", job.id(), job.jobstore(), ORPHANS_PROPERTY);
                }
            }
            case REMOVE -> {
                scheduler.removeJob(job.id(), job.jobstore());
                log.warn("Removed job '{}' from job store '{}': the @ApsJob that declared it is gone ({}=remove)",
                        job.id(), job.jobstore(), ORPHANS_PROPERTY);
            }
        }
    }
}
