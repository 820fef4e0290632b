package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryJobStore;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A store that hands the operations every store must implement to a {@link MemoryJobStore}, and leaves the others to
 * the interface's defaults: tests override the operations they watch or break.
 */
class ForwardingJobStore implements JobStore {

    protected final MemoryJobStore memory;

    ForwardingJobStore() {
        this(new MemoryJobStore());
    }

    /** @param memory the store the operations go to, which a test may also use directly */
    ForwardingJobStore(MemoryJobStore memory) {
        this.memory = memory;
    }

    @Override
    public Job lookupJob(String id) {
        return memory.lookupJob(id);
    }

    @Override
    public List<Job> dueJobs(Instant now) {
        return memory.dueJobs(now);
    }

    @Override
    public Instant nextRunTime() {
        return memory.nextRunTime();
    }

    @Override
    public List<Job> allJobs() {
        return memory.allJobs();
    }

    @Override
    public void addJob(Job job) {
        memory.addJob(job);
    }

    @Override
    public void updateJob(Job job) {
        memory.updateJob(job);
    }

    @Override
    public void removeJob(String id) {
        memory.removeJob(id);
    }

    @Override
    public void removeAllJobs() {
        memory.removeAllJobs();
    }

    @Override
    public boolean claimJob(Job due, ZonedDateTime nextRunTime) {
        return memory.claimJob(due, nextRunTime);
    }
}
