package io.github.apscheduler4j.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record, its fire id, the thread's current context, and how a method's JobContext parameter is bound. */
class JobContextTests {

    private static final ZonedDateTime TWO_IN_BERLIN = ZonedDateTime.of(2026, 3, 1, 2, 0, 0, 0,
            ZoneId.of("Europe/Berlin"));
    private static final ZonedDateTime STARTED = TWO_IN_BERLIN.plusNanos(1_500_000);

    private final ClassTargetResolver resolver = new ClassTargetResolver(getClass().getClassLoader());

    private static JobContext scheduled() {
        return JobContext.firstAttempt("nightly", "default", TWO_IN_BERLIN, STARTED, "web-1");
    }

    public static String label(String prefix, JobContext context, int times) {
        return prefix.repeat(times) + " " + context.fireId();
    }

    public static String contextOnly(JobContext context) {
        return context.jobId() + "#" + context.attempt();
    }

    public static String options(String first, Map<String, Object> options, JobContext context) {
        return first + options + "@" + context.instanceId();
    }

    public static boolean same(JobContext context) {
        return context == JobContext.current();
    }

    @Test
    void theFireIdIsTheJobIdAndTheScheduledInstantInUtc() {
        assertThat(scheduled().fireId()).isEqualTo("nightly@2026-03-01T01:00:00Z");
        assertThat(scheduled().isScheduled()).isTrue();
        assertThat(scheduled().attempt()).isEqualTo(JobContext.FIRST_ATTEMPT);
        // the same fire seen in another zone, started later, on another instance: the same fire id
        JobContext elsewhere = new JobContext("nightly", "default", TWO_IN_BERLIN.withZoneSameInstant(ZoneId.of("UTC")),
                STARTED.plusSeconds(5), 2, "web-2");
        assertThat(elsewhere.fireId()).isEqualTo(scheduled().fireId());
        // job ids may hold '@': the instant follows the last one
        assertThat(JobContext.firstAttempt("a@b", null, TWO_IN_BERLIN, STARTED, "web-1").fireId())
                .isEqualTo("a@b@2026-03-01T01:00:00Z");
    }

    @Test
    void aRunNowHasNoScheduledTimeAndItsFireIdTakesTheStartedInstant() {
        JobContext now = JobContext.firstAttempt("nightly", "default", null, STARTED, "web-1");

        assertThat(now.isScheduled()).isFalse();
        assertThat(now.fireId()).isEqualTo("nightly@2026-03-01T01:00:00.001500Z");
    }

    @Test
    void refusesWhatNoRunHas() {
        assertThatThrownBy(() -> new JobContext("nightly", "default", TWO_IN_BERLIN, STARTED, 0, "web-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempt must be at least 1");
        assertThatThrownBy(() -> JobContext.firstAttempt(null, "default", TWO_IN_BERLIN, STARTED, "web-1"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("jobId");
        assertThatThrownBy(() -> JobContext.firstAttempt("nightly", "default", TWO_IN_BERLIN, null, "web-1"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("started");
    }

    @Test
    void currentIsTheContextOfTheCallAndWhatWasThereBeforeComesBack() throws Exception {
        assertThat(JobContext.find()).isEmpty();
        assertThatThrownBy(JobContext::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a job run");
        JobContext outer = scheduled();
        JobContext inner = JobContext.firstAttempt("inner", null, null, STARTED, "web-1");

        String seen = JobContext.callWith(outer, () -> {
            String nested = JobContext.callWith(inner, () -> JobContext.current().jobId());
            return nested + "," + JobContext.current().jobId();
        });

        assertThat(seen).isEqualTo("inner,nightly");
        assertThat(JobContext.find()).isEmpty();
        assertThatThrownBy(() -> JobContext.callWith(outer, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(JobContext.find()).isEmpty();
    }

    @Test
    void aJobContextParameterIsBoundFromTheRunAndIsNotPositional() throws Exception {
        JobFunction function = resolver.resolve(ClassTargetResolver.reference(getClass(), "label"));

        // args fill prefix and times: the context in between is skipped
        assertThat(JobContext.callWith(scheduled(), () -> function.invoke(List.of("x", 3), Map.of())))
                .isEqualTo("xxx nightly@2026-03-01T01:00:00Z");
        assertThat(JobContext.callWith(scheduled(), () -> function.invoke(List.of("y"), Map.of("times", 2))))
                .isEqualTo("yy nightly@2026-03-01T01:00:00Z");
        assertThat(JobContext.callWith(scheduled(),
                () -> resolver.resolve(ClassTargetResolver.reference(getClass(), "contextOnly")).invoke(List.of(),
                        Map.of()))).isEqualTo("nightly#1");
        assertThat(JobContext.callWith(scheduled(),
                () -> resolver.resolve(ClassTargetResolver.reference(getClass(), "same")).invoke(List.of(), Map.of())))
                .isEqualTo(true);
    }

    @Test
    void aMapBeforeTheContextStillTakesTheLeftoverKeywords() throws Exception {
        JobFunction function = resolver.resolve(ClassTargetResolver.reference(getClass(), "options"));

        assertThat(JobContext.callWith(scheduled(), () -> function.invoke(List.of("a"), Map.of("x", 1))))
                .isEqualTo("a{x=1}@web-1");
    }

    @Test
    void argsAndKwargsCannotFillTheContext() {
        JobFunction label = resolver.resolve(ClassTargetResolver.reference(getClass(), "label"));
        JobFunction contextOnly = resolver.resolve(ClassTargetResolver.reference(getClass(), "contextOnly"));

        assertThatThrownBy(() -> JobContext.callWith(scheduled(), () -> label.invoke(List.of("x", 1, "more"), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("takes 2 parameters besides its JobContext but the job passes 3 positional arguments");
        assertThatThrownBy(() -> JobContext.callWith(scheduled(),
                () -> contextOnly.invoke(List.of(), Map.of("context", "mine"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no parameter named [context] that args or kwargs can fill");
    }

    @Test
    void aJobContextParameterOutsideARunIsAnError() {
        JobFunction function = resolver.resolve(ClassTargetResolver.reference(getClass(), "contextOnly"));

        assertThatThrownBy(() -> function.invoke(List.of(), Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("takes a JobContext, which only a run of the job has");
    }
}
