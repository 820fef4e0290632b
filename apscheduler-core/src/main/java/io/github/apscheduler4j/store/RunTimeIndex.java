package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduled jobs of a {@link MemoryJobStore}, by next run time. Not thread safe: the store's lock
 * guards it.
 *
 * <p>Jobs due at the same instant (a backlog added at once, cron jobs of the same minute) share one slot: an array in
 * the order they were added, from which the first entry is taken off in place and any other is only marked. Draining
 * many jobs due together then walks an array in the order the jobs were made, which is the order their objects lie
 * in memory, rather than a tree in the order of their ids (three times slower for 100,000 jobs), and a removal costs
 * neither a search nor a rebalancing. A job alone at its instant is held as itself, so it costs no more than a node
 * of a sorted set.
 */
final class RunTimeIndex {

    /** A stored job, with its next run time as numbers (zero while paused), which orders it without allocating. */
    static final class Entry {
        final Job job;
        // the job's own numbers, copied: the tree compares them without reaching into the job, and a slot's key is an
        // entry with a time and no job
        final long seconds;
        final int nanos;
        // set when taken out of a slot, whose array keeps it until compacted
        boolean removed;

        Entry(Job job) {
            this.job = job;
            this.seconds = job.nextRunEpochSecond();
            this.nanos = job.nextRunNano();
        }

        private Entry(long seconds, int nanos) {
            this.job = null;
            this.seconds = seconds;
            this.nanos = nanos;
        }

        boolean isAfter(long otherSeconds, int otherNanos) {
            return seconds > otherSeconds || (seconds == otherSeconds && nanos > otherNanos);
        }

        static int compareTime(Entry one, Entry other) {
            if (one.seconds != other.seconds) {
                return one.seconds < other.seconds ? -1 : 1;
            }
            return Integer.compare(one.nanos, other.nanos);
        }
    }

    private static final Comparator<Job> BY_ID = Comparator.comparing(Job::id);

    /** The entries of one instant, in the order they were added. */
    private static final class Slot {
        private Entry[] entries;
        // entries before head are gone; after it, removed ones stay (marked) until the array is compacted
        private int head;
        private int size;
        private int removed;

        Slot(Entry first, Entry second) {
            entries = new Entry[] {first, second, null, null};
            size = 2;
        }

        void add(Entry entry) {
            if (size == entries.length) {
                compact();
                if (size * 2 > entries.length) {
                    entries = Arrays.copyOf(entries, entries.length * 2);
                }
            }
            entries[size++] = entry;
        }

        /** Removes the entry; returns whether the slot is now empty. */
        boolean remove(Entry entry) {
            if (entries[head] == entry) {
                // jobs are drained in order: the first entry goes without a mark
                entries[head++] = null;
                while (head < size && entries[head].removed) {
                    entries[head++] = null;
                    removed--;
                }
            } else {
                entry.removed = true;
                removed++;
                if (removed > (size - head) / 2) {
                    compact();
                }
            }
            return head == size;
        }

        void addJobs(ArrayList<Job> jobs) {
            jobs.ensureCapacity(jobs.size() + size - head - removed);
            for (int i = head; i < size; i++) {
                if (!entries[i].removed) {
                    jobs.add(entries[i].job);
                }
            }
        }

        private void compact() {
            int live = 0;
            for (int i = head; i < size; i++) {
                if (!entries[i].removed) {
                    entries[live++] = entries[i];
                }
            }
            Arrays.fill(entries, live, size, null);
            head = 0;
            size = live;
            removed = 0;
        }
    }

    // by instant (entries compared by time alone): the entry alone at its instant, or the slot of several
    private final TreeMap<Entry, Object> byTime = new TreeMap<>(Entry::compareTime);

    void add(Entry entry) {
        Object held = byTime.get(entry);
        if (held == null) {
            byTime.put(entry, entry);
        } else if (held instanceof Slot slot) {
            slot.add(entry);
        } else {
            Entry alone = (Entry) held;
            // keyed by its time alone from now on, so that the key holds no job that has since been removed
            byTime.remove(alone);
            byTime.put(new Entry(alone.seconds, alone.nanos), new Slot(alone, entry));
        }
    }

    /** Removes an entry that {@link #add} was given. */
    void remove(Entry entry) {
        Object held = byTime.get(entry);
        if (held == entry) {
            byTime.remove(entry);
        } else if (held instanceof Slot slot && slot.remove(entry)) {
            byTime.remove(entry);
        }
    }

    void clear() {
        byTime.clear();
    }

    /** The earliest next run time, or {@code null} when the index is empty. */
    Instant first() {
        Map.Entry<Entry, Object> first = byTime.firstEntry();
        return first == null ? null : Instant.ofEpochSecond(first.getKey().seconds, first.getKey().nanos);
    }

    /** The earliest next run time after the instant, or {@code null} when there is none. */
    Instant firstAfter(Instant instant) {
        Entry later = byTime.higherKey(new Entry(instant.getEpochSecond(), instant.getNano()));
        return later == null ? null : Instant.ofEpochSecond(later.seconds, later.nanos);
    }

    /** Adds the jobs of the entries at or before the instant, earliest first; those of one instant as added. */
    void addDue(long seconds, int nanos, ArrayList<Job> due) {
        for (Map.Entry<Entry, Object> at : byTime.entrySet()) {
            if (at.getKey().isAfter(seconds, nanos)) {
                return;
            }
            addJobs(at.getValue(), due);
        }
    }

    /** Adds the jobs of every entry, earliest first; those of one instant by id, as a listing shows them. */
    void addAll(ArrayList<Job> all) {
        for (Object held : byTime.values()) {
            int from = all.size();
            addJobs(held, all);
            all.subList(from, all.size()).sort(BY_ID);
        }
    }

    private static void addJobs(Object held, ArrayList<Job> jobs) {
        if (held instanceof Entry alone) {
            jobs.add(alone.job);
        } else {
            ((Slot) held).addJobs(jobs);
        }
    }
}
