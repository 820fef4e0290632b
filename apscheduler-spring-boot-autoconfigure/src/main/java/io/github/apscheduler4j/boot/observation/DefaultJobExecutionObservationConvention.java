package io.github.apscheduler4j.boot.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.time.format.DateTimeFormatter;

/**
 * The observation of a run is named {@value #NAME}, its span {@code job <tag>}; low-cardinality keys {@code job} (the
 * job's bounded tag), {@code executor}, {@code jobstore} and {@code outcome} ({@code success}, {@code error}), which
 * also tag the timer Micrometer makes of it; high-cardinality keys, on the span only: {@code job.id},
 * {@code fire.time} (an ISO-8601 instant, {@code now} for a run outside the schedule) and {@code attempt}.
 */
public class DefaultJobExecutionObservationConvention implements JobExecutionObservationConvention {

    /** The observation's name. */
    public static final String NAME = "apscheduler.job.execution";

    /** An instance to use or extend. */
    public static final DefaultJobExecutionObservationConvention INSTANCE = new DefaultJobExecutionObservationConvention();

    private static final String NONE = "none";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(JobExecutionObservationContext context) {
        return "job " + context.getJobTag();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(JobExecutionObservationContext context) {
        return KeyValues.of(KeyValue.of("job", context.getJobTag()),
                KeyValue.of("executor", context.getExecutor()),
                KeyValue.of("jobstore", context.getJobstore() == null ? NONE : context.getJobstore()),
                KeyValue.of("outcome", context.getOutcome()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(JobExecutionObservationContext context) {
        return KeyValues.of(KeyValue.of("job.id", context.getJobId()),
                KeyValue.of("fire.time", context.getScheduledFireTime() == null ? "now"
                        : DateTimeFormatter.ISO_INSTANT.format(context.getScheduledFireTime().toInstant())),
                KeyValue.of("attempt", Integer.toString(context.getAttempt())));
    }
}
