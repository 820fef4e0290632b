package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keeps jobs in memory: APScheduler's {@code MemoryJobStore}. Due jobs and the earliest next run time come
 * from a set ordered by next run time, so both cost O(log n) however many jobs are stored.
 *
 * <p>Each job is held with its next run time as numbers (epoch second and nanosecond), so that ordering jobs,
 * which the set does some twenty times for each job added, advanced or removed among a million, reads two
 * fields and allocates nothing.
 */
public final class MemoryJobStore implements JobStore {

    private final Map<String, Entry> jobsById = new HashMap<>();
    // the entries of the jobs that are not paused, by next run time, then id
    private final TreeSet<Entry> scheduled = new TreeSet<>();

    /** A stored job and its next run time as numbers (zero while paused). */
    private static final class Entry implements Comparable<Entry> {
        final Job job;
        final long seconds;
        final int nanos;

        Entry(Job job) {
            this.job = job;
            ZonedDateTime next = job.nextRunTime();
            this.seconds = next == null ? 0 : next.toEpochSecond();
            this.nanos = next == null ? 0 : next.getNano();
        }

        boolean isAfter(long otherSeconds, int otherNanos) {
            return seconds > otherSeconds || (seconds == otherSeconds && nanos > otherNanos);
        }

        @Override
        public int compareTo(Entry other) {
            if (seconds != other.seconds) {
                return seconds < other.seconds ? -1 : 1;
            }
            if (nanos != other.nanos) {
                return nanos < other.nanos ? -1 : 1;
            }
            return job.id().compareTo(other.job.id());
        }
    }

    @Override
    public synchronized Job lookupJob(String id) {
        Entry entry = jobsById.get(id);
        return entry == null ? null : entry.job;
    }

    @Override
    public synchronized List<Job> dueJobs(Instant now) {
        long seconds = now.getEpochSecond();
        int nanos = now.getNano();
        List<Job> due = new ArrayList<>();
        for (Entry entry : scheduled) {
            if (entry.isAfter(seconds, nanos)) {
                break;
            }
            due.add(entry.job);
        }
        return due;
    }

    @Override
    public synchronized Instant nextRunTime() {
        return scheduled.isEmpty() ? null : scheduled.first().job.nextRunTime().toInstant();
    }

    @Override
    public synchronized List<Job> allJobs() {
        List<Job> all = new ArrayList<>(jobsById.size());
        for (Entry entry : scheduled) {
            all.add(entry.job);
        }
        jobsById.values().stream()
                .map(entry -> entry.job)
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
        Entry old = jobsById.get(job.id());
        if (old == null) {
            throw new JobLookupException(job.id());
        }
        replace(old, job.withVersion(old.job.version() + 1));
    }

    @Override
    public synchronized void removeJob(String id) {
        Entry old = jobsById.remove(id);
        if (old == null) {
            throw new JobLookupException(id);
        }
        if (!old.job.isPaused()) {
            scheduled.remove(old);
        }
    }

    @Override
    public synchronized void removeAllJobs() {
        jobsById.clear();
        scheduled.clear();
    }

    @Override
    public boolean advanceJob(Job due, ZonedDateTime nextRunTime) {
        return !advanceJobs(List.of(new JobAdvance(due, nextRunTime))).isEmpty();
    }

    /**
     * Advances the jobs under one lock. The scheduler gives due jobs earliest first, so each is usually the head
     * of the ordered set: it is removed through one iterator along the set's left edge, instead of being searched
     * for from the root, and the jobs moved on are put back only after all were taken off.
     */
    @Override
    public synchronized List<JobAdvance> advanceJobs(List<JobAdvance> advances) {
        List<JobAdvance> won = new ArrayList<>(advances.size());
        List<Entry> moved = new ArrayList<>();
        Iterator<Entry> head = null;
        for (JobAdvance advance : advances) {
            Job due = advance.due();
            Entry stored = jobsById.get(due.id());
            if (stored == null || stored.job.version() != due.version()) {
                continue;
            }
            if (!stored.job.isPaused()) {
                if (head == null) {
                    head = scheduled.iterator();
                }
                if (head.hasNext() && head.next() == stored) {
                    head.remove();
                } else {
                    scheduled.remove(stored);
                    // the set changed under the iterator: start again from its new head
                    head = null;
                }
            }
            if (advance.nextRunTime() == null) {
                jobsById.remove(due.id());
            } else {
                Entry entry = new Entry(stored.job.advancedTo(advance.nextRunTime(), stored.job.version() + 1));
                jobsById.put(due.id(), entry);
                moved.add(entry);
            }
            won.add(advance);
        }
        scheduled.addAll(moved);
        return won;
    }

    private void replace(Entry old, Job job) {
        if (!old.job.isPaused()) {
            scheduled.remove(old);
        }
        put(job);
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
