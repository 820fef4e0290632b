package io.github.apscheduler4j.store;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.job.RunPolicy;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's persisted state as JSON, for the stores that keep jobs outside the process. The state holds what a
 * job is: {@code format} (this codec's version), id, name, target reference, args and kwargs (JSON values),
 * trigger type and arguments, executor, coalesce, max_instances, misfire_grace_time (seconds or {@code null}),
 * next_run_time (ISO-8601 with offset) and, only for a job the application declares ({@link Job#declared()}),
 * {@code "declared": true}: a state without it, as every state written before it existed, is that of a job added
 * through the API, so that the format stays {@value #FORMAT}. The store keeps the next run time and the version in columns of
 * their own, which are authoritative; the state's next run time only restores precision a column lacks.
 *
 * <p>Decoding rebuilds the trigger in the scheduler's zone with its clock and resolves the target through the
 * store's {@link io.github.apscheduler4j.job.JobTargetResolver} where this instance can (else the job keeps its
 * reference only, and the scheduler skips it here). A state that no instance can read (not JSON, another format,
 * an unknown trigger) raises {@link UndecodableJobException}, whose reason the store reports as a
 * {@link QuarantinedJob}. Thread safe.
 */
public final class JobCodec {

    /**
     * The longest state a job may have, in characters: a job's arguments are parameters, not data, and a row of many
     * megabytes would be read by every pass of every instance.
     */
    public static final int MAX_STATE_LENGTH = 1 << 20;


    /** The format written, and the only one read. */
    public static final int FORMAT = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LAMBDA = "This Job cannot be serialized since the reference to its callable could"
            + " not be determined";

    private final JobStoreContext context;

    public JobCodec(JobStoreContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * The JSON state of {@code job}.
     *
     * @throws IllegalArgumentException when the job cannot be persisted: its target has no textual reference (a
     *     lambda), an argument is not a JSON value, or its trigger is not one that {@link Triggers} rebuilds
     */
    public static String encode(Job job) {
        requireStorable(job);
        return encodeStorable(job);
    }

    /**
     * Checks that {@code job} can be encoded, as {@link #encode} does first: for a batch checked whole before any of it
     * is written, then encoded a part at a time with {@link #encodeStorable}.
     *
     * @throws IllegalArgumentException as {@link #encode} does
     */
    public static void requireStorable(Job job) {
        if (job.target().reference() == null) {
            throw new IllegalArgumentException(LAMBDA + ": job '" + job.id() + "' runs an in-process function (a"
                    + " lambda or method reference) that only the memory store can hold; give it a target reference"
                    + " such as com.acme.Reports::nightly");
        }
        Trigger trigger = job.trigger();
        if (!Triggers.TYPES.contains(trigger.type())) {
            throw new IllegalArgumentException("job '" + job.id() + "': trigger type '" + trigger.type() + "' cannot be"
                    + " rebuilt from a store; known triggers: " + String.join(", ", Triggers.TYPES));
        }
        requireJson(job, "args", job.args());
        requireJson(job, "kwargs", job.kwargs());
    }

    /** The JSON state of a job that {@link #requireStorable} let through. */
    public static String encodeStorable(Job job) {
        Trigger trigger = job.trigger();
        // written token by token rather than as a map through the mapper: the same JSON with less work per job, which
        // a batch of 100,000 jobs in a JVM that just started feels
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberProperty("format", FORMAT);
            json.writeStringProperty("id", job.id());
            json.writeStringProperty("name", job.name());
            json.writeStringProperty("target", job.target().reference());
            json.writeName("args");
            write(json, job.args());
            json.writeName("kwargs");
            write(json, job.kwargs());
            json.writeName("trigger");
            json.writeStartObject();
            json.writeStringProperty("type", trigger.type());
            json.writeName("args");
            write(json, trigger.arguments());
            json.writeEndObject();
            json.writeStringProperty("executor", job.executor());
            json.writeBooleanProperty("coalesce", job.coalesce());
            json.writeNumberProperty("max_instances", job.maxInstances());
            json.writeName("misfire_grace_time");
            write(json, seconds(job.misfireGraceTime()));
            // written only when not the default, so that the rows of jobs that set none stay as they were
            RunPolicy policy = job.runPolicy();
            if (policy.recovery() != RunPolicy.DEFAULT.recovery()) {
                json.writeStringProperty("recovery", policy.recovery().word());
            }
            if (policy.retries() != RunPolicy.DEFAULT.retries()) {
                json.writeNumberProperty("retries", policy.retries());
            }
            if (!policy.retryBackoff().equals(RunPolicy.DEFAULT.retryBackoff())) {
                json.writeName("retry_backoff");
                write(json, seconds(policy.retryBackoff()));
            }
            if (job.declared()) {
                json.writeBooleanProperty("declared", true);
            }
            json.writeStringProperty("next_run_time", job.nextRunTime() == null ? null
                    : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(job.nextRunTime()));
            json.writeEndObject();
        }
        String encoded = out.toString();
        if (encoded.length() > MAX_STATE_LENGTH) {
            throw new IllegalArgumentException("job '" + job.id() + "': its state is " + encoded.length()
                    + " characters long, more than the " + MAX_STATE_LENGTH + " a job's state may have; keep large"
                    + " data elsewhere and pass the job a reference to it");
        }
        return encoded;
    }

    /** A JSON value as the mapper writes it: the types {@link #requireJson} lets through, and the mapper's for others. */
    private static void write(JsonGenerator json, Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeName(String.valueOf(entry.getKey()));
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            json.writeStartArray();
            for (Object element : collection) {
                write(json, element);
            }
            json.writeEndArray();
        } else {
            json.writePOJO(value);
        }
    }

    /**
     * The job stored as {@code state}.
     *
     * @param id the record's id
     * @param nextRunTime the record's next run time column ({@code null}: paused), possibly less precise than the
     *     time in {@code state}
     * @param version the record's version
     * @throws UndecodableJobException with the reason, when the state cannot be made into a job
     */
    public Job decode(String id, String state, Instant nextRunTime, long version) {
        try {
            return read(id, state, nextRunTime, version);
        } catch (UndecodableJobException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage().lines().findFirst().orElse("");
            throw new UndecodableJobException(id, message, e);
        }
    }

    private Job read(String id, String text, Instant nextRunTime, long version) {
        if (text.length() > MAX_STATE_LENGTH) {
            throw new UndecodableJobException(id, "job state is " + text.length() + " characters long, more than the "
                    + MAX_STATE_LENGTH + " a job's state may have", null);
        }
        Object parsed;
        try {
            parsed = JSON.readValue(text, Object.class);
        } catch (RuntimeException e) {
            throw new UndecodableJobException(id, "job state is not valid JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new UndecodableJobException(id, "job state is not a JSON object", null);
        }
        State state = new State(map);
        Object format = map.get("format");
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new UndecodableJobException(id, "job state format " + format + " is not supported (this version reads "
                    + FORMAT + ")", null);
        }
        String storedId = state.string("id", true);
        if (!storedId.equals(id)) {
            throw new UndecodableJobException(id, "job state is that of job '" + storedId + "'", null);
        }
        Map<String, Object> triggerState = state.map("trigger");
        Trigger trigger;
        try {
            State triggerFields = new State(triggerState);
            trigger = Triggers.create(triggerFields.string("type", true), triggerFields.map("args"), context.timezone(),
                    context.clock());
        } catch (RuntimeException e) {
            throw new UndecodableJobException(id, "trigger: " + e.getMessage(), e);
        }
        return Job.builder()
                .id(id)
                .name(state.string("name", false))
                .target(resolve(state.string("target", true)))
                .args(state.list("args"))
                .kwargs(state.map("kwargs"))
                .trigger(trigger)
                .executor(state.string("executor", true))
                .jobstore(context.alias())
                .coalesce(state.bool("coalesce"))
                .maxInstances(state.integer("max_instances"))
                .misfireGraceTime(state.duration("misfire_grace_time"))
                .runPolicy(state.runPolicy())
                .declared(state.optionalBool("declared"))
                .nextRunTime(nextRunTime(nextRunTime, state.string("next_run_time", false), trigger))
                .version(version)
                .build();
    }

    /**
     * The target with its function when this instance can resolve it; else by reference only: the job is still read
     * (listed, shown, claimed by instances that can run it), and the scheduler skips it here, saying why. A target
     * missing here is this instance's trouble, not the record's: the record is never quarantined for it.
     */
    private JobTarget resolve(String reference) {
        JobFunction function;
        try {
            function = context.targetResolver().resolve(reference);
        } catch (RuntimeException e) {
            return JobTarget.of(reference);
        }
        return function == null ? JobTarget.of(reference) : JobTarget.of(reference, function);
    }

    /** The column's time, refined by the state's when that is the same time, more precise; in the trigger's zone. */
    private ZonedDateTime nextRunTime(Instant column, String stateTime, Trigger trigger) {
        if (column == null) {
            return null;
        }
        Instant instant = column;
        if (stateTime != null) {
            Instant precise = OffsetDateTime.parse(stateTime).toInstant();
            if (precise.truncatedTo(ChronoUnit.MILLIS).equals(column.truncatedTo(ChronoUnit.MILLIS))) {
                instant = precise;
            }
        }
        return instant.atZone(zoneOf(trigger));
    }

    private ZoneId zoneOf(Trigger trigger) {
        if (trigger.arguments().get("timezone") instanceof String zone) {
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException e) {
                // the trigger accepted it, so this does not happen; fall back to the scheduler's zone
            }
        }
        return context.timezone();
    }

    private static Object seconds(Duration duration) {
        if (duration == null) {
            return null;
        }
        return duration.getNano() == 0 ? (Object) duration.getSeconds()
                : BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)).doubleValue();
    }

    private static void requireJson(Job job, String path, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            if (Double.isFinite(((Number) value).doubleValue())) {
                return;
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw notJson(job, path, entry.getKey(), "a map key that is not a string");
                }
                requireJson(job, path + "." + key, entry.getValue());
            }
            return;
        } else if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                requireJson(job, path + "[" + index++ + "]", element);
            }
            return;
        }
        throw notJson(job, path, value, "a " + value.getClass().getName());
    }

    private static IllegalArgumentException notJson(Job job, String path, Object value, String what) {
        return new IllegalArgumentException("job '" + job.id() + "': " + path + " holds '" + value + "', " + what
                + ", which cannot be stored as JSON; use strings, finite numbers, booleans, null, lists and maps with"
                + " string keys");
    }

    /** A state, read field by field with errors that name the field. */
    private record State(Map<?, ?> fields) {

        String string(String key, boolean required) {
            Object value = fields.get(key);
            if (value == null && !required) {
                return null;
            }
            if (!(value instanceof String text)) {
                throw invalid(key, value, "a string");
            }
            return text;
        }

        boolean bool(String key) {
            if (!(fields.get(key) instanceof Boolean value)) {
                throw invalid(key, fields.get(key), "true or false");
            }
            return value;
        }

        /** {@code false} when absent. */
        /** The optional recovery, retries and retry_backoff, over the default policy. */
        RunPolicy runPolicy() {
            RunPolicy policy = RunPolicy.DEFAULT;
            if (fields.get("recovery") != null) {
                try {
                    policy = policy.withRecovery(Recovery.of(string("recovery", true)));
                } catch (IllegalArgumentException e) {
                    throw invalid("recovery", fields.get("recovery"), "'none' or 'rerun'");
                }
            }
            if (fields.get("retries") != null) {
                int retries = integer("retries");
                if (retries < 0) {
                    throw invalid("retries", retries, "a whole number, 0 or more");
                }
                policy = policy.withRetries(retries);
            }
            Duration backoff = duration("retry_backoff");
            if (backoff != null) {
                if (backoff.isNegative() || backoff.isZero()) {
                    throw invalid("retry_backoff", fields.get("retry_backoff"), "a positive number of seconds");
                }
                policy = policy.withRetryBackoff(backoff);
            }
            return policy;
        }

        boolean optionalBool(String key) {
            return fields.get(key) != null && bool(key);
        }

        int integer(String key) {
            if (!(fields.get(key) instanceof Integer value)) {
                throw invalid(key, fields.get(key), "a whole number");
            }
            return value;
        }

        Duration duration(String key) {
            Object value = fields.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Number number)) {
                throw invalid(key, value, "a number of seconds or null");
            }
            return Duration.ofNanos(new BigDecimal(number.toString()).movePointRight(9).longValue());
        }

        List<?> list(String key) {
            if (!(fields.get(key) instanceof List<?> value)) {
                throw invalid(key, fields.get(key), "a list");
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            if (!(fields.get(key) instanceof Map<?, ?> value)) {
                throw invalid(key, fields.get(key), "an object");
            }
            return (Map<String, Object>) value;
        }

        private static IllegalArgumentException invalid(String key, Object value, String expected) {
            return new IllegalArgumentException("job state field '" + key + "' must be " + expected + " but is "
                    + (value == null ? "missing" : "'" + value + "'"));
        }
    }

    /** A stored state that cannot be made into a job; {@link #reason()} says why. */
    public static final class UndecodableJobException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String jobId;
        private final String reason;

        public UndecodableJobException(String jobId, String reason, Throwable cause) {
            super("Job '" + jobId + "' cannot be read back: " + reason, cause);
            this.jobId = jobId;
            this.reason = reason;
        }

        public String jobId() {
            return jobId;
        }

        public String reason() {
            return reason;
        }
    }
}
