package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import java.util.ArrayList;
import java.util.List;

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

    private final PendingJobs pending = new PendingJobs();
    private final ComponentRegistry<JobStore> stores;

    JobDirectory(ComponentRegistry<JobStore> stores) {
        this.stores = stores;
    }

    PendingJobs pending() {
        return pending;
    }

    /**
     * Finds a job among the pending ones (when {@code withPending}, before start) and in the stores.
     *
     * @param jobstore the store to look in, or {@code null} for all
     * @throws JobLookupException when there is no such job
     */
    Located locate(String id, String jobstore, boolean withPending) {
        if (withPending) {
            Job job = pending.find(id, jobstore);
            if (job != null) {
                return new Located(job, null);
            }
        }
        Located found = stores.firstMatching(jobstore, (alias, store) -> {
            Job job = store.lookupJob(id);
            return job == null ? null : new Located(job, alias);
        });
        if (found == null) {
            throw new JobLookupException(id);
        }
        return found;
    }

    /**
     * @param setsNextRunTime whether the change decides the next run time (else a pending job still computes it at
     *     start)
     */
    void replace(Located located, Job changed, boolean setsNextRunTime) {
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

    /** The jobs of one store, or of all when {@code jobstore} is {@code null}: pending ones first (when asked). */
    List<Job> jobs(String jobstore, boolean withPending) {
        List<Job> jobs = new ArrayList<>();
        if (withPending) {
            jobs.addAll(pending.jobs(jobstore));
        }
        stores.forEachMatching(jobstore, (alias, store) -> jobs.addAll(store.allJobs()));
        return jobs;
    }

    void removeAll(String jobstore, boolean withPending) {
        if (withPending) {
            pending.removeAll(jobstore);
        }
        stores.forEachMatching(jobstore, (alias, store) -> store.removeAllJobs());
    }
}
