package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobLookupException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The jobs added before the scheduler starts (APScheduler's {@code _pending_jobs}): kept in order, and added to their
 * stores when it starts. Not thread safe: the scheduler guards it with its lock.
 */
final class PendingJobs {

    /** A job added before start: its next run time is computed when it is really added, unless one was given. */
    record PendingJob(Job job, boolean computeNextRunTime, boolean replaceExisting) {
    }

    private final List<PendingJob> jobs = new ArrayList<>();

    /** @throws ConflictingIdException when a job of that id is pending and {@code replaceExisting} is false */
    void add(Job job, boolean computeNextRunTime, boolean replaceExisting) {
        int index = indexOf(job.id());
        if (index >= 0 && !replaceExisting) {
            throw new ConflictingIdException(job.id());
        }
        if (index >= 0) {
            jobs.remove(index);
        }
        jobs.add(new PendingJob(job, computeNextRunTime, replaceExisting));
    }

    /**
     * Adds jobs of distinct ids as {@link #add} adds each, all or none.
     *
     * @throws ConflictingIdException when a job of one's id is pending and it does not replace existing ones; none is
     *     added then
     */
    void addAll(List<PendingJob> batch) {
        Set<String> ids = new HashSet<>();
        jobs.forEach(pending -> ids.add(pending.job().id()));
        for (PendingJob job : batch) {
            if (!job.replaceExisting() && ids.contains(job.job().id())) {
                throw new ConflictingIdException(job.job().id());
            }
        }
        for (PendingJob job : batch) {
            if (ids.contains(job.job().id())) {
                add(job.job(), job.computeNextRunTime(), true);
            } else {
                jobs.add(job);
            }
        }
    }

    /** The pending job of that id (and store, unless {@code jobstore} is {@code null}), or {@code null}. */
    Job find(String id, String jobstore) {
        int index = indexOf(id);
        if (index < 0) {
            return null;
        }
        Job job = jobs.get(index).job();
        return jobstore == null || jobstore.equals(job.jobstore()) ? job : null;
    }

    /**
     * Replaces a pending job by its changed form.
     *
     * @param setsNextRunTime whether the change decides the next run time (else it is still computed at start)
     */
    void replace(Job changed, boolean setsNextRunTime) {
        int index = require(changed.id());
        PendingJob pending = jobs.get(index);
        jobs.set(index, new PendingJob(changed, pending.computeNextRunTime() && !setsNextRunTime,
                pending.replaceExisting()));
    }

    void remove(String id) {
        jobs.remove(require(id));
    }

    /** Removes those of one store, or all when {@code jobstore} is {@code null}. */
    void removeAll(String jobstore) {
        jobs.removeIf(pending -> jobstore == null || jobstore.equals(pending.job().jobstore()));
    }

    /** Those of one store, or all when {@code jobstore} is {@code null}, in the order they were added. */
    List<Job> jobs(String jobstore) {
        List<Job> matching = new ArrayList<>();
        for (PendingJob pending : jobs) {
            if (jobstore == null || jobstore.equals(pending.job().jobstore())) {
                matching.add(pending.job());
            }
        }
        return matching;
    }

    /** Takes every pending job out, in the order they were added. */
    List<PendingJob> drain() {
        List<PendingJob> all = new ArrayList<>(jobs);
        jobs.clear();
        return all;
    }

    private int require(String id) {
        int index = indexOf(id);
        if (index < 0) {
            throw new JobLookupException(id);
        }
        return index;
    }

    private int indexOf(String id) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).job().id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
