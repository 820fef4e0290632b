package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.StaleJobException;
import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the scheduler's jobs are: among the {@link PendingJobs} until it starts, then in their stores. Finding,
 * changing, removing and listing jobs ask here, so that no API method needs to know which of the two holds a job. Not
 * thread safe: the scheduler guards it with its lock.
 */
final class JobDirectory {

    /** A job found among the pending ones ({@code alias} {@code null}) or in the store of that alias. */
    record Located(Job job, String alias) {

        boolean isPending() {
            return alias == null;
        }
    }

    // under the scheduler's name, where "Added job" has always been logged
    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);
    // how often a change is re-applied to a job that other writers keep changing before the caller is told
    static final int MAX_TRIES = 10;

    private final PendingJobs pending = new PendingJobs();
    private final ComponentRegistry<JobStore> stores;

    JobDirectory(ComponentRegistry<JobStore> stores) {
        this.stores = stores;
    }

    PendingJobs pending() {
        return pending;
    }

    /**
     * The job as its store is to get it, once its executor has accepted it and its store is known: with the next run
     * time its trigger gives at {@code now} when {@code computeNextRunTime}.
     *
     * @throws IllegalArgumentException when its executor refuses it, or it names an executor or store there is not
     */
    Job readyToStore(ComponentRegistry<JobExecutor> executors, Job job, boolean computeNextRunTime,
            ZonedDateTime now) {
        executors.require(job.executor(), job.id()).checkJob(job);
        stores.require(job.jobstore(), job.id());
        return computeNextRunTime ? job.withNextRunTime(job.trigger().nextFireTime(null, now)) : job;
    }

    /** A job just stored: the event to dispatch once the scheduler's lock is released, and when the job is due. */
    record Added(SchedulerEvent event, ZonedDateTime nextRunTime) {
    }

    /** Adds a job to its store (see {@link #readyToStore}). */
    Added addToStore(ComponentRegistry<JobExecutor> executors, Job job, boolean computeNextRunTime,
            boolean replaceExisting, ZonedDateTime now) {
        Job toStore = readyToStore(executors, job, computeNextRunTime, now);
        add(stores.get(toStore.jobstore()), toStore, replaceExisting);
        if (log.isInfoEnabled()) {
            // three arguments make an array, which an add logged at WARN need not pay for
            log.info("Added job '{}' to job store '{}': {}", toStore.id(), toStore.jobstore(), toStore);
        }
        return new Added(new SchedulerEvent.JobAdded(toStore.id(), toStore.jobstore()), toStore.nextRunTime());
    }

    /**
     * Where a read looks: the pending jobs (when {@code withPending}, before start; under the scheduler's lock) and
     * the stores as {@link ComponentRegistry#snapshot()} has them. The stores are then asked without the lock.
     *
     * @param jobstore the store to look in, or {@code null} for all
     */
    Sources sources(String jobstore, boolean withPending) {
        return new Sources(withPending ? pending.jobs(jobstore) : List.of(), stores.snapshot(jobstore));
    }

    /**
     * Finds a job among the pending ones (when {@code withPending}, before start) and in the stores.
     *
     * @param jobstore the store to look in, or {@code null} for all
     * @throws JobLookupException when there is no such job
     */
    Located locate(String id, String jobstore, boolean withPending) {
        return sources(jobstore, withPending).locate(id);
    }

    /** The pending jobs and the stores a read looks in; immutable, and asked without the scheduler's lock. */
    record Sources(List<Job> pending, Map<String, JobStore> stores) {

        Sources {
            pending = List.copyOf(pending);
        }

        /** The job of that id, pending ones first. @throws JobLookupException when there is no such job */
        Located locate(String id) {
            for (Job job : pending) {
                if (job.id().equals(id)) {
                    return new Located(job, null);
                }
            }
            for (Map.Entry<String, JobStore> store : stores.entrySet()) {
                Job job = store.getValue().lookupJob(id);
                if (job != null) {
                    return new Located(job, store.getKey());
                }
            }
            throw new JobLookupException(id);
        }

        /** The job of that id, or {@code null}. */
        Job find(String id) {
            try {
                return locate(id).job();
            } catch (JobLookupException e) {
                return null;
            }
        }

        /** The pending jobs, then each store's. */
        List<Job> jobs() {
            List<Job> jobs = new ArrayList<>(pending);
            stores.values().forEach(store -> jobs.addAll(store.allJobs()));
            return jobs;
        }

        /** As APScheduler's {@code print_jobs}: the pending jobs before start (when asked), else each store's. */
        void print(PrintStream out, boolean pendingOnly) {
            if (pendingOnly) {
                out.println("Pending jobs:");
                printLines(out, pending, "No pending jobs");
                return;
            }
            stores.forEach((alias, store) -> {
                out.println("Jobstore " + alias + ":");
                printLines(out, store.allJobs(), "No scheduled jobs");
            });
        }

        private static void printLines(PrintStream out, List<Job> jobs, String none) {
            if (jobs.isEmpty()) {
                out.println("    " + none);
            }
            jobs.forEach(job -> out.println("    " + job));
        }
    }

    /**
     * Applies {@code change} to the job as stored now and writes it with a compare-and-set; when another writer changed
     * the job meanwhile, reads it again and re-applies the change, so that no write is based on an old read.
     *
     * @param setsNextRunTime whether the change decides the next run time (else a pending job still computes it at
     *     start)
     * @return where the job is
     * @throws JobLookupException when there is no such job
     * @throws StaleJobException when the job changed under every one of {@link #MAX_TRIES} tries
     */
    Located update(String id, String jobstore, boolean withPending, UnaryOperator<Job> change,
            boolean setsNextRunTime) {
        for (int attempt = 1;; attempt++) {
            Located located = locate(id, jobstore, withPending);
            try {
                replace(located, change.apply(located.job()), setsNextRunTime);
                return located;
            } catch (StaleJobException e) {
                if (attempt == MAX_TRIES) {
                    throw new StaleJobException(id, e.readVersion());
                }
            }
        }
    }

    /**
     * Adds a job to its store; when one of that id is stored and {@code replaceExisting}, replaces it with a
     * compare-and-set on the version just read (again on a lost race). A quarantined record of that id is never
     * replaced: it is evidence for a person to look at.
     *
     * @throws ConflictingIdException when a job of that id is stored and not to be replaced, or quarantined
     */
    void add(JobStore store, Job job, boolean replaceExisting) {
        for (int attempt = 1;; attempt++) {
            try {
                store.addJob(job);
                return;
            } catch (ConflictingIdException e) {
                if (!replaceExisting) {
                    throw e;
                }
            }
            Job stored = store.lookupJob(job.id());
            if (stored == null && store.quarantinedJobs().stream().anyMatch(record -> record.id().equals(job.id()))) {
                throw new ConflictingIdException(job.id(), "is taken by a quarantined record; remove it to add the"
                        + " job again");
            }
            if (stored != null) {
                try {
                    store.updateJob(job.withVersion(stored.version()));
                    return;
                } catch (StaleJobException | JobLookupException e) {
                    // changed or removed since it was read: try again
                }
            }
            if (attempt == MAX_TRIES) {
                throw new StaleJobException(job.id(), stored == null ? 0 : stored.version());
            }
        }
    }

    private void replace(Located located, Job changed, boolean setsNextRunTime) {
        if (located.isPending()) {
            pending.replace(changed, setsNextRunTime);
        } else {
            stores.get(located.alias()).updateJob(changed);
        }
    }

    void remove(Located located) {
        if (located.isPending()) {
            pending.remove(located.job().id());
        } else {
            stores.get(located.alias()).removeJob(located.job().id());
        }
    }

    void removeAll(String jobstore, boolean withPending) {
        if (withPending) {
            pending.removeAll(jobstore);
        }
        stores.forEachMatching(jobstore, (alias, store) -> store.removeAllJobs());
    }
}
