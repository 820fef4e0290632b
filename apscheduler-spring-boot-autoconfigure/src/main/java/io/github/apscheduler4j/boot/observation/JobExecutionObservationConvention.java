package io.github.apscheduler4j.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of the {@code apscheduler.job.execution} observation: a bean of this type replaces
 * {@link DefaultJobExecutionObservationConvention}, which it may extend.
 */
public interface JobExecutionObservationConvention extends ObservationConvention<JobExecutionObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof JobExecutionObservationContext;
    }
}
