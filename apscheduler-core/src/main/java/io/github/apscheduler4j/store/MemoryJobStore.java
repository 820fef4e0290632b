package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keeps jobs in memory: APScheduler's {@code MemoryJobStore}. Due jobs and the earliest next run time come
 * from a set ordered by next run time, so both cost O(log n) however many jobs are stored.
 */
public final class MemoryJobStore implements JobStore {

    private static final Comparator<Job> BY_NEXT_RUN_TIME = Comparator
            .comparing((Job job) -> job.nextRunTime().toInstant())
            .thenComparing(Job::id);

    private final Map<String, Job> jobsById = new HashMap<>();
    private final TreeSet<Job> scheduled = new TreeSet<>(BY_NEXT_RUN_TIME);

    @Override
    public synchronized Job lookupJob(String id) {
        return jobsById.get(id);
    }

    @Override
    public synchronized List<Job> dueJobs(Instant now) {
        List<Job> due = new ArrayList<>();
        for (Job job : scheduled) {
            if (job.nextRunTime().toInstant().isAfter(now)) {
                break;
            }
            due.add(job);
        }
        return due;
    }

    @Override
    public synchronized Instant nextRunTime() {
        return scheduled.isEmpty() ? null : scheduled.first().nextRunTime().toInstant();
    }

    @Override
    public synchronized List<Job> allJobs() {
        List<Job> all = new ArrayList<>(scheduled);
        jobsById.values().stream()
                .filter(Job::isPaused)
                .sorted(Comparator.comparing(Job::id))
                .forEach(all::add);
        return all;
    }

    @Override
    public synchronized void addJob(Job job) {
        if (jobsById.containsKey(job.id())) {
            throw new ConflictingIdException(job.id());
        }
        put(job.withVersion(1));
    }

    @Override
    public synchronized void updateJob(Job job) {
        Job old = jobsById.get(job.id());
        if (old == null) {
            throw new JobLookupException(job.id());
        }
        replace(old, job.withVersion(old.version() + 1));
    }

    @Override
    public synchronized void removeJob(String id) {
        Job old = jobsById.remove(id);
        if (old == null) {
            throw new JobLookupException(id);
        }
        if (!old.isPaused()) {
            scheduled.remove(old);
        }
    }

    @Override
    public synchronized void removeAllJobs() {
        jobsById.clear();
        scheduled.clear();
    }

    @Override
    public synchronized boolean advanceJob(Job due, ZonedDateTime nextRunTime) {
        Job stored = jobsById.get(due.id());
        if (stored == null || stored.version() != due.version()) {
            return false;
        }
        if (nextRunTime == null) {
            removeJob(due.id());
        } else {
            replace(stored, stored.toBuilder().nextRunTime(nextRunTime).version(stored.version() + 1).build());
        }
        return true;
    }

    private void replace(Job old, Job job) {
        if (!old.isPaused()) {
            scheduled.remove(old);
        }
        put(job);
    }

    private void put(Job job) {
        jobsById.put(job.id(), job);
        if (!job.isPaused()) {
            scheduled.add(job);
        }
    }

    @Override
    public String toString() {
        return "MemoryJobStore";
    }
}
