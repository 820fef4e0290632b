package io.github.apscheduler4j.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code Scheduler.modifyJob} changes: APScheduler's {@code modify_job} keywords. Unset values
 * stay as they are; the trigger is changed with {@code rescheduleJob}, the run state with
 * {@code pauseJob} and {@code resumeJob}.
 */
public final class JobChanges {

    private String name;
    private JobTarget target;
    private List<Object> args;
    private Map<String, Object> kwargs;
    private String executor;
    private Boolean coalesce;
    private Integer maxInstances;
    private Duration misfireGraceTime;
    private boolean misfireGraceTimeSet;

    public static JobChanges create() {
        return new JobChanges();
    }

    /** @throws IllegalArgumentException when longer than {@link Job#MAX_NAME_LENGTH} */
    public JobChanges name(String value) {
        name = Job.requireNameLength(value);
        return this;
    }

    public JobChanges target(JobTarget value) {
        target = value;
        return this;
    }

    public JobChanges args(List<?> value) {
        args = List.copyOf(value);
        return this;
    }

    public JobChanges kwargs(Map<String, ?> value) {
        kwargs = Map.copyOf(value);
        return this;
    }

    public JobChanges executor(String value) {
        executor = value;
        return this;
    }

    public JobChanges coalesce(boolean value) {
        coalesce = value;
        return this;
    }

    public JobChanges maxInstances(int value) {
        maxInstances = JobDefaults.requireMaxInstances(value);
        return this;
    }

    public JobChanges misfireGraceTime(Duration value) {
        misfireGraceTime = JobDefaults.requireGraceTime(value);
        misfireGraceTimeSet = true;
        return this;
    }

    /** Applies these changes to {@code job}. */
    public Job applyTo(Job job) {
        Job.Builder b = job.toBuilder();
        if (name != null) {
            b.name(name);
        }
        if (target != null) {
            b.target(target);
        }
        if (args != null) {
            b.args(args);
        }
        if (kwargs != null) {
            b.kwargs(kwargs);
        }
        if (executor != null) {
            b.executor(executor);
        }
        if (coalesce != null) {
            b.coalesce(coalesce);
        }
        if (maxInstances != null) {
            b.maxInstances(maxInstances);
        }
        if (misfireGraceTimeSet) {
            b.misfireGraceTime(misfireGraceTime);
        }
        return b.build();
    }
}
