package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobChanges;
import io.github.apscheduler4j.trigger.Trigger;

/**
 * A job as seen through its scheduler: what {@code addJob} returns, APScheduler's {@code Job} methods
 * ({@code job.pause()}, {@code job.remove()}).
 *
 * @param jobstore the store holding the job, or {@code null} while it is pending
 */
public record JobHandle(Scheduler scheduler, String id, String jobstore) {

    /** The job as stored now, or {@code null} when it no longer exists. */
    public Job job() {
        return scheduler.getJob(id, jobstore);
    }

    public JobHandle pause() {
        return scheduler.pauseJob(id, jobstore);
    }

    public JobHandle resume() {
        return scheduler.resumeJob(id, jobstore);
    }

    public JobHandle modify(JobChanges changes) {
        return scheduler.modifyJob(id, jobstore, changes);
    }

    public JobHandle reschedule(Trigger trigger) {
        return scheduler.rescheduleJob(id, jobstore, trigger);
    }

    public boolean runNow() {
        return scheduler.runJob(id, jobstore);
    }

    public void remove() {
        scheduler.removeJob(id, jobstore);
    }
}
