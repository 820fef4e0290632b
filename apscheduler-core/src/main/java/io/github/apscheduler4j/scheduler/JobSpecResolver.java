package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.job.InvalidJobTargetException;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.trigger.DateTrigger;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Turns what {@code addJob} is given into a job: an id when none is given, the target resolved, the trigger built,
 * the scheduler's job defaults under the spec's own settings (APScheduler's {@code add_job}).
 */
final class JobSpecResolver {

    private final SchedulerConfig config;

    JobSpecResolver(SchedulerConfig config) {
        this.config = config;
    }

    /** The job the spec describes, as of {@code now}; its next run time is the spec's (none: computed when added). */
    Job toJob(JobSpec spec, ZonedDateTime now) {
        Trigger trigger = spec.trigger();
        if (trigger == null) {
            trigger = spec.triggerType() != null
                    ? Triggers.create(spec.triggerType(), spec.triggerArgs(), config.timezone(), config.clock())
                    : DateTrigger.at(now);
        }
        return toJob(spec, trigger);
    }

    /**
     * The job the spec describes as it was made when {@code earlier} was: a trigger given by type and arguments is built
     * with {@link Triggers#createAsOf}, taking what it would read from the clock, and the spec leaves out, from
     * {@code earlier}'s trigger, so that the same spec gives the same job at every start.
     */
    Job toJobAsOf(JobSpec spec, ZonedDateTime now, Job earlier) {
        if (spec.triggerType() == null) {
            return toJob(spec, now);
        }
        return toJob(spec, Triggers.createAsOf(spec.triggerType(), spec.triggerArgs(), config.timezone(),
                config.clock(), earlier.trigger()));
    }

    private Job toJob(JobSpec spec, Trigger trigger) {
        Job.Builder builder = Job.builder()
                .id(spec.id() != null ? spec.id() : UUID.randomUUID().toString().replace("-", ""))
                .target(resolve(spec.target()))
                .trigger(trigger)
                .args(spec.args())
                .kwargs(spec.kwargs())
                .executor(spec.executor() != null ? spec.executor() : SchedulerConfig.DEFAULT_ALIAS)
                .defaults(config.jobDefaults())
                .nextRunTime(spec.paused() ? null : spec.nextRunTime());
        if (spec.name() != null) {
            builder.name(spec.name());
        }
        if (spec.coalesce() != null) {
            builder.coalesce(spec.coalesce());
        }
        if (spec.maxInstances() != null) {
            builder.maxInstances(spec.maxInstances());
        }
        if (spec.misfireGraceTimeSet()) {
            builder.misfireGraceTime(spec.misfireGraceTime());
        }
        builder.runPolicy(spec.runPolicy(config.jobDefaults().runPolicy()));
        return builder.jobstore(spec.jobstore() != null ? spec.jobstore() : SchedulerConfig.DEFAULT_ALIAS).build();
    }

    /** The job with its target resolved (see {@link #resolve}): as it is when resolved already. */
    Job withResolvedTarget(Job job) {
        return job.target().isResolved() ? job : job.withTarget(resolve(job.target()));
    }

    /** The target with its function, found by the scheduler's resolver when it has none yet. */
    JobTarget resolve(JobTarget target) {
        if (target.isResolved()) {
            return target;
        }
        JobFunction function = config.targetResolver().resolve(target.reference());
        if (function == null) {
            throw new InvalidJobTargetException("job target '" + target.reference()
                    + "': no resolver handles references of this form");
        }
        return JobTarget.of(target.reference(), function);
    }
}
