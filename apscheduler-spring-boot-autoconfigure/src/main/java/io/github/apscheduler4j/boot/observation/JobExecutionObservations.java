package io.github.apscheduler4j.boot.observation;

import io.github.apscheduler4j.boot.actuate.metrics.JobTags;
import io.github.apscheduler4j.executor.RunDecorator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes each run of a job as an {@code apscheduler.job.execution} {@link Observation}: started just before the job's
 * code, its scope open while the code runs, stopped when the run ends (when an asynchronous result completes), with
 * the job's error. Each run is a root: not a child of what the running thread had open (a previous run, the scheduler's
 * loop, the caller of a run now), so that with micrometer-tracing each run is a trace of its own.
 */
public final class JobExecutionObservations implements RunDecorator {

    /** Hides the tracer's current span while a run's observation starts, so that its span is a new root. */
    @FunctionalInterface
    public interface TraceRootScope {

        /** For an application without tracing. */
        TraceRootScope NONE = () -> () -> { };

        /** Opens a scope in which the thread has no current span; closing it puts back what there was. */
        Scope open();

        /** A scope that closes without a checked exception. */
        interface Scope extends AutoCloseable {

            @Override
            void close();
        }
    }

    private final ObservationRegistry registry;
    private final JobExecutionObservationConvention convention;
    private final JobTags jobTags;
    private final TraceRootScope traceRoot;

    /**
     * @param convention the application's convention, or {@code null} for the default one
     * @param traceRoot how to start a new trace, {@link TraceRootScope#NONE} without tracing
     */
    public JobExecutionObservations(ObservationRegistry registry, JobExecutionObservationConvention convention,
            JobTags jobTags, TraceRootScope traceRoot) {
        this.registry = registry;
        this.convention = convention;
        this.jobTags = jobTags;
        this.traceRoot = traceRoot;
    }

    @Override
    public Runnable decorate(Run run, Runnable invocation) {
        if (registry.isNoop()) {
            return invocation;
        }
        return () -> {
            JobExecutionObservationContext context = new JobExecutionObservationContext(run, jobTags);
            Observation observation = Observation.createNotStarted(convention,
                    DefaultJobExecutionObservationConvention.INSTANCE, () -> context, registry)
                    // a root, whatever observation the thread has open
                    .parentObservation(null);
            String jobId = run.context().jobId();
            String jobstore = run.context().jobstore();
            // started and stopped while the job's meters cannot be removed: the meters the handlers make then are
            // tagged as the job is at that moment, and removed with it
            try (TraceRootScope.Scope noCurrentSpan = traceRoot.open()) {
                jobTags.record(jobId, jobstore, tag -> observation.start());
            }
            run.whenEnded(error -> {
                context.setOutcome(error == null ? "success" : "error");
                if (error != null) {
                    observation.error(error);
                }
                jobTags.record(jobId, jobstore, tag -> observation.stop());
            });
            try (Observation.Scope scope = observation.openScope()) {
                invocation.run();
            }
        };
    }
}
