package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobStore;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of one {@link Scheduler#addJobs} call: every spec made into its job and checked before anything is written,
 * then the jobs put among the pending ones, or written with one {@link JobStore#addJobs} per store (those replacing
 * existing jobs one by one, as {@code addJob} writes them). Not thread safe: the scheduler adds it under its lock.
 */
final class JobBatch {

    // under the scheduler's name, beside the lines addJob logs
    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);

    private final List<JobSpec> specs;
    private final List<Job> jobs;
    // the jobs written to their stores so far, by index, for their events
    private final Job[] written;
    private boolean pending;

    private JobBatch(List<JobSpec> specs, List<Job> jobs) {
        this.specs = specs;
        this.jobs = jobs;
        this.written = new Job[jobs.size()];
    }

    /**
     * Makes each spec into its job, as of {@code now}.
     *
     * @throws IllegalArgumentException naming the index and job of the first spec that cannot be made into a job
     * @throws ConflictingIdException when two specs give the same id
     */
    static JobBatch resolve(List<JobSpec> specs, JobSpecResolver resolver, ZonedDateTime now) {
        List<JobSpec> copy = new ArrayList<>(Objects.requireNonNull(specs, "specs"));
        List<Job> jobs = new ArrayList<>(copy.size());
        for (int i = 0; i < copy.size(); i++) {
            JobSpec spec = copy.get(i);
            if (spec == null) {
                throw new NullPointerException("Job spec " + i + " of the batch is null");
            }
            try {
                jobs.add(resolver.toJob(spec, now));
            } catch (IllegalArgumentException e) {
                throw invalid(i, spec.id(), e);
            }
        }
        ConflictingIdException.requireDistinctIds(jobs);
        return new JobBatch(copy, jobs);
    }

    /** Puts the jobs among the pending ones, all or none, as {@code addJob} puts each before start. @return this */
    JobBatch addPending(PendingJobs pendingJobs) {
        List<PendingJobs.PendingJob> batch = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            JobSpec spec = specs.get(i);
            batch.add(new PendingJobs.PendingJob(jobs.get(i), computesNextRunTime(spec), spec.replaceExisting()));
        }
        pendingJobs.addAll(batch);
        pending = true;
        log.info("Adding {} jobs tentatively -- they will be properly scheduled when the scheduler starts", jobs.size());
        return this;
    }

    /**
     * Checks every job's executor and store and computes its first run time as of {@code now}, then writes the jobs:
     * one {@link JobStore#addJobs} per store, in the order of the batch's first job in each, then those replacing
     * existing jobs one by one.
     *
     * @return this
     * @throws IllegalArgumentException naming the index and job of the first that its executor or store refuses;
     *     nothing was written
     */
    JobBatch addToStores(ComponentRegistry<JobExecutor> executors, ComponentRegistry<JobStore> stores,
            JobDirectory directory, ZonedDateTime now) {
        Job[] toStore = new Job[jobs.size()];
        Map<String, List<Integer>> insertsByStore = new LinkedHashMap<>();
        List<Integer> replacements = new ArrayList<>();
        for (int i = 0; i < toStore.length; i++) {
            Job job = jobs.get(i);
            try {
                toStore[i] = directory.readyToStore(executors, job, computesNextRunTime(specs.get(i)), now);
            } catch (IllegalArgumentException e) {
                throw invalid(i, job.id(), e);
            }
            if (specs.get(i).replaceExisting()) {
                replacements.add(i);
            } else {
                insertsByStore.computeIfAbsent(job.jobstore(), alias -> new ArrayList<>()).add(i);
            }
        }
        insertsByStore.forEach((alias, indexes) -> {
            List<Job> batch = new ArrayList<>(indexes.size());
            indexes.forEach(i -> batch.add(toStore[i]));
            stores.get(alias).addJobs(batch);
            indexes.forEach(i -> written[i] = toStore[i]);
            log.info("Added {} jobs to job store '{}'", batch.size(), alias);
            if (log.isDebugEnabled()) {
                batch.forEach(job -> log.debug("Added job '{}' to job store '{}': {}", job.id(), alias, job));
            }
        });
        for (int i : replacements) {
            directory.add(stores.get(toStore[i].jobstore()), toStore[i], true);
            written[i] = toStore[i];
            log.info("Added job '{}' to job store '{}': {}", toStore[i].id(), toStore[i].jobstore(), toStore[i]);
        }
        return this;
    }

    /**
     * Dispatches one {@code JobAdded} event per job written to its store so far, in the order of the specs, then wakes
     * the loop once if any was written.
     */
    void reportAdded(Consumer<SchedulerEvent> dispatch, Runnable wakeup) {
        boolean any = false;
        for (Job job : written) {
            if (job != null) {
                dispatch.accept(new SchedulerEvent.JobAdded(job.id(), job.jobstore()));
                any = true;
            }
        }
        if (any) {
            wakeup.run();
        }
    }

    /** A handle on each job, in the order of the specs; a pending job's names no store. */
    List<JobHandle> handles(Scheduler scheduler) {
        List<JobHandle> handles = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            handles.add(new JobHandle(scheduler, job.id(), pending ? null : job.jobstore()));
        }
        return Collections.unmodifiableList(handles);
    }

    /** Whether the job's first run time comes from its trigger when it is stored (as {@code addJob} decides). */
    private static boolean computesNextRunTime(JobSpec spec) {
        return !spec.paused() && spec.nextRunTime() == null;
    }

    private static IllegalArgumentException invalid(int index, String id, IllegalArgumentException cause) {
        return new IllegalArgumentException("Job spec " + index + " of the batch" + (id == null ? "" : " (job '" + id
                + "')") + ": " + cause.getMessage() + "; no job of the batch was added", cause);
    }
}
