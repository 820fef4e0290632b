package io.github.apscheduler4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.store.JobCodec.UndecodableJobException;
import io.github.apscheduler4j.time.MutableClock;
import io.github.apscheduler4j.trigger.TriggerExamples;
import io.github.apscheduler4j.trigger.Triggers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JobCodecTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String TARGET = ClassTargetResolver.reference(Targets.class, "run");
    private static final ZonedDateTime NEXT = ZonedDateTime.of(2026, 6, 1, 9, 30, 0, 123_456_789, NEW_YORK);

    private final JobCodec codec = new JobCodec(new JobStoreContext("main", new ClassTargetResolver(), UTC,
            MutableClock.at("2026-01-01T00:00:00Z")));

    /** Targets of the jobs under test. */
    public static final class Targets {
        public static void run() {
        }
    }

    private static Job.Builder job(String id) {
        return Job.builder()
                .id(id)
                .name("nightly report ✓")
                .target(JobTarget.of(TARGET, (args, kwargs) -> null))
                .trigger(Triggers.create("cron", Map.of("hour", "3", "minute", "*/15", "start_date", "2026-01-01",
                        "timezone", "America/New_York", "jitter", 5), UTC))
                .args(List.of(1, "two", List.of(3.5, true), Map.of("k", "v")))
                .kwargs(Map.of("name", "é", "nested", Map.of("n", 4, "none", List.of()), "big", 12_345_678_901L))
                .executor("reports")
                .jobstore("main")
                .coalesce(true)
                .maxInstances(5)
                .misfireGraceTime(Duration.ofMillis(2_500))
                .nextRunTime(NEXT)
                .version(7);
    }

    private Job roundTrip(Job job) {
        Instant column = job.nextRunTime() == null ? null : Instant.ofEpochMilli(job.nextRunTime().toInstant().toEpochMilli());
        return codec.decode(job.id(), JobCodec.encode(job), column, job.version());
    }

    private String reasonFor(String state) {
        return catchThrowableOfType(UndecodableJobException.class,
                () -> codec.decode("bad", state, Instant.EPOCH, 1)).reason();
    }

    private static String state(Job job) {
        return JobCodec.encode(job);
    }

    @Test
    void roundTripsEveryField() {
        Job job = job("a").build();

        Job decoded = roundTrip(job);

        assertThat(decoded).isEqualTo(job);
        assertThat(decoded.name()).isEqualTo("nightly report ✓");
        assertThat(decoded.target().reference()).isEqualTo(TARGET);
        assertThat(decoded.target().isResolved()).isTrue();
        assertThat(decoded.args()).isEqualTo(job.args());
        assertThat(decoded.kwargs()).isEqualTo(job.kwargs());
        assertThat(decoded.trigger().arguments()).isEqualTo(job.trigger().arguments());
        assertThat(decoded.executor()).isEqualTo("reports");
        assertThat(decoded.jobstore()).isEqualTo("main");
        assertThat(decoded.coalesce()).isTrue();
        assertThat(decoded.maxInstances()).isEqualTo(5);
        assertThat(decoded.misfireGraceTime()).isEqualTo(Duration.ofMillis(2_500));
        assertThat(decoded.nextRunTime()).isEqualTo(NEXT);
        assertThat(decoded.version()).isEqualTo(7);
    }

    @Test
    void roundTripsEveryTriggerType() {
        for (String type : Triggers.TYPES) {
            Job job = job(type).trigger(Triggers.create(type, TriggerExamples.argumentsOf(type), NEW_YORK)).build();

            assertThat(roundTrip(job)).as(type).isEqualTo(job);
        }
    }

    @Test
    void roundTripsAPausedJobWithoutGraceTimeLimit() {
        Job job = job("paused").nextRunTime(null).misfireGraceTime(null).coalesce(false).build();

        Job decoded = roundTrip(job);

        assertThat(decoded).isEqualTo(job);
        assertThat(decoded.isPaused()).isTrue();
        assertThat(decoded.misfireGraceTime()).isNull();
    }

    @Test
    void writesReadableJsonWithAFormatVersion() {
        Map<?, ?> state = JsonMapper.builder().build().readValue(state(job("a").build()), Map.class);

        assertThat(state.get("format")).isEqualTo(1);
        assertThat(state.get("target")).isEqualTo(TARGET);
        assertThat(state.get("trigger")).isEqualTo(Map.of("type", "cron", "args", Map.of("hour", "3", "minute", "*/15",
                "start_date", "2026-01-01T00:00-05:00", "timezone", "America/New_York", "jitter", 5)));
        assertThat(state.get("max_instances")).isEqualTo(5);
        assertThat(state.get("misfire_grace_time")).isEqualTo(2.5);
        assertThat(state.get("next_run_time")).isEqualTo("2026-06-01T09:30:00.123456789-04:00");
        assertThat(state.get("coalesce")).isEqualTo(true);
    }

    @Test
    void writesTheJsonTheMapperWritesForTheStateAsAMap() {
        List<Object> args = List.of(1, (short) 2, (byte) 3, 4L, 5.5, 6.5f, new BigDecimal("7.25"),
                new BigInteger("123456789012345678901234567890"), "é\"\n", true, Arrays.asList(null, List.of()));
        Job job = job("golden").args(args).misfireGraceTime(Duration.ofSeconds(30)).build();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("format", 1);
        expected.put("id", "golden");
        expected.put("name", "nightly report ✓");
        expected.put("target", TARGET);
        expected.put("args", args);
        expected.put("kwargs", job.kwargs());
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "cron");
        trigger.put("args", job.trigger().arguments());
        expected.put("trigger", trigger);
        expected.put("executor", "reports");
        expected.put("coalesce", true);
        expected.put("max_instances", 5);
        expected.put("misfire_grace_time", 30L);
        expected.put("next_run_time", "2026-06-01T09:30:00.123456789-04:00");

        assertThat(state(job)).isEqualTo(JsonMapper.builder().build().writeValueAsString(expected));
    }

    @Test
    void keepsTheDeclaredMarkAndReadsAStateWithoutItAsNotDeclared() {
        Job declared = job("declared").declared(true).build();
        Job added = job("added").build();

        assertThat(roundTrip(declared).declared()).isTrue();
        assertThat(roundTrip(added).declared()).isFalse();
        assertThat(state(declared)).contains("\"declared\":true");
        assertThat(state(added)).as("a state as written before the mark existed").doesNotContain("declared");
    }

    @Test
    void takesTheNextRunTimeFromTheRecordColumn() {
        Instant column = Instant.parse("2026-07-01T00:00:00Z");

        Job decoded = codec.decode("a", state(job("a").build()), column, 1);

        assertThat(decoded.nextRunTime().toInstant()).isEqualTo(column);
        assertThat(decoded.nextRunTime().getZone()).isEqualTo(NEW_YORK);
    }

    @Test
    void refusesAJobWhoseTargetHasNoReference() {
        Job job = job("lambda").target(JobTarget.of((args, kwargs) -> null)).build();

        assertThatIllegalArgumentException().isThrownBy(() -> JobCodec.encode(job))
                .withMessageStartingWith("This Job cannot be serialized since the reference to its callable could not"
                        + " be determined: job 'lambda'");
    }

    @Test
    void refusesArgumentsThatAreNotJsonValues() {
        Job dated = job("dated").args(List.of(1, List.of(LocalDate.of(2026, 1, 1)))).build();
        Job infinite = job("infinite").kwargs(Map.of("x", Double.POSITIVE_INFINITY)).build();

        assertThatIllegalArgumentException().isThrownBy(() -> JobCodec.encode(dated))
                .withMessageContaining("job 'dated': args[1][0] holds '2026-01-01', a java.time.LocalDate");
        assertThatIllegalArgumentException().isThrownBy(() -> JobCodec.encode(infinite))
                .withMessageContaining("job 'infinite': kwargs.x holds 'Infinity'");
    }

    @Test
    void reportsStateThatIsNotJson() {
        assertThat(reasonFor("{\"format\": 1, \"id\": ")).startsWith("job state is not valid JSON: ");
        assertThat(reasonFor("\u00ac\u00ed\u0000\u0005sr")).startsWith("job state is not valid JSON: ");
        assertThat(reasonFor("[1, 2]")).isEqualTo("job state is not a JSON object");
    }

    @Test
    void reportsAnUnknownTriggerType() {
        String state = state(job("bad").build()).replace("\"type\":\"cron\"", "\"type\":\"weekly\"");

        assertThat(reasonFor(state)).isEqualTo("trigger: No trigger by the name \"weekly\" was found; known triggers: "
                + "and, calendarinterval, cron, crontab, date, interval, or");
    }

    @Test
    void readsAJobWhoseTargetIsMissingHereByReferenceOnlyInsteadOfRefusingTheRecord() {
        String missingClass = state(job("bad").target(JobTarget.of("com.acme.Missing::run")).build());
        String otherScheme = state(job("bad").target(JobTarget.of("bean:reports.nightly")).build());

        Job withMissingClass = codec.decode("bad", missingClass, Instant.EPOCH, 1);
        Job withOtherScheme = codec.decode("bad", otherScheme, Instant.EPOCH, 1);

        assertThat(withMissingClass.target().reference()).isEqualTo("com.acme.Missing::run");
        assertThat(withMissingClass.target().isResolved()).isFalse();
        assertThat(withOtherScheme.target().reference()).isEqualTo("bean:reports.nightly");
        assertThat(withOtherScheme.target().isResolved()).isFalse();
    }

    @Test
    void reportsAnUnsupportedFormatAndBadFields() {
        String state = state(job("bad").build());

        assertThat(reasonFor(state.replace("\"format\":1", "\"format\":2")))
                .isEqualTo("job state format 2 is not supported (this version reads 1)");
        assertThat(reasonFor(state.replace("\"max_instances\":5", "\"max_instances\":\"many\"")))
                .isEqualTo("job state field 'max_instances' must be a whole number but is 'many'");
        assertThat(reasonFor(state(job("other").build()))).isEqualTo("job state is that of job 'other'");
    }
}
