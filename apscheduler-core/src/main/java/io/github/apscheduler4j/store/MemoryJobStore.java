package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.RunTimeIndex.Entry;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps jobs in memory: APScheduler's {@code MemoryJobStore}. Due jobs and the earliest next run time come from an
 * index by next run time ({@link RunTimeIndex}), so both cost O(log n) however many jobs are stored, and jobs due at
 * the same instant are drained from one array.
 */
public final class MemoryJobStore implements JobStore {

    private final Map<String, Entry> jobsById = new HashMap<>();
    private final MemoryRunLedger runs = new MemoryRunLedger();
    // the entries of the jobs that are not paused
    private final RunTimeIndex scheduled = new RunTimeIndex();

    @Override
    public synchronized Job lookupJob(String id) {
        Entry entry = jobsById.get(id);
        return entry == null ? null : entry.job;
    }

    @Override
    public synchronized List<Job> dueJobs(Instant now) {
        ArrayList<Job> due = new ArrayList<>();
        scheduled.addDue(now.getEpochSecond(), now.getNano(), due);
        return due;
    }

    @Override
    public synchronized Instant nextRunTime() {
        return scheduled.first();
    }

    @Override
    public synchronized Instant nextRunTimeAfter(Instant instant) {
        return scheduled.firstAfter(instant);
    }

    @Override
    public synchronized List<Job> allJobs() {
        ArrayList<Job> all = new ArrayList<>(jobsById.size());
        scheduled.addAll(all);
        jobsById.values().stream()
                .map(entry -> entry.job)
                .filter(Job::isPaused)
                .sorted(Comparator.comparing(Job::id))
                .forEach(all::add);
        return all;
    }

    @Override
    public synchronized JobCounts countJobs() {
        long paused = 0;
        for (Entry entry : jobsById.values()) {
            if (entry.job.isPaused()) {
                paused++;
            }
        }
        return new JobCounts(jobsById.size() - paused, paused);
    }

    @Override
    public synchronized void addJob(Job job) {
        if (jobsById.containsKey(job.id())) {
            throw new ConflictingIdException(job.id());
        }
        put(job.withVersion(1));
    }

    /** Adds the jobs under one lock: all of them, or none when an id is taken or given twice. */
    @Override
    public synchronized void addJobs(List<Job> jobs) {
        ConflictingIdException.requireDistinctIds(jobs);
        for (Job job : jobs) {
            if (jobsById.containsKey(job.id())) {
                throw new ConflictingIdException(job.id());
            }
        }
        jobs.forEach(job -> put(job.withVersion(1)));
    }

    @Override
    public synchronized void updateJob(Job job) {
        Entry old = jobsById.get(job.id());
        if (old == null) {
            throw new JobLookupException(job.id());
        }
        if (old.job.version() != job.version()) {
            throw new StaleJobException(job.id(), job.version());
        }
        unschedule(old);
        put(job.withVersion(old.job.version() + 1));
    }

    @Override
    public synchronized void removeJob(String id) {
        Entry old = jobsById.remove(id);
        if (old == null) {
            throw new JobLookupException(id);
        }
        unschedule(old);
    }

    @Override
    public synchronized void removeAllJobs() {
        jobsById.clear();
        scheduled.clear();
    }

    @Override
    public boolean claimJob(Job due, ZonedDateTime nextRunTime) {
        return !claimJobs(List.of(new JobClaim(due, nextRunTime))).isEmpty();
    }

    /** Claims the jobs under one lock. */
    @Override
    public synchronized BitSet claimJobs(List<JobClaim> claims) {
        BitSet won = new BitSet(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            JobClaim claim = claims.get(i);
            Job due = claim.due();
            Entry stored = jobsById.get(due.id());
            if (stored == null || stored.job.version() != due.version()) {
                continue;
            }
            unschedule(stored);
            if (claim.nextRunTime() == null) {
                jobsById.remove(due.id());
            } else {
                put(stored.job.advancedTo(claim.nextRunTime(), stored.job.version() + 1));
            }
            if (claim.run() != null) {
                runs.record(List.of(claim.run()));
            }
            won.set(i);
        }
        return won;
    }

    @Override
    public RunLedger runLedger() {
        return runs;
    }

    private void unschedule(Entry entry) {
        if (!entry.job.isPaused()) {
            scheduled.remove(entry);
        }
    }

    private void put(Job job) {
        Entry entry = new Entry(job);
        jobsById.put(job.id(), entry);
        if (!job.isPaused()) {
            scheduled.add(entry);
        }
    }

    @Override
    public String toString() {
        return "MemoryJobStore";
    }
}
