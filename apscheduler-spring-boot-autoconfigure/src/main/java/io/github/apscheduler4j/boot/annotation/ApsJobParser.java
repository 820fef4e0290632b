package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.trigger.CronTrigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.util.StringValueResolver;

/**
 * Reads an {@link ApsJob} annotation into the job it declares, resolving {@code ${...}} placeholders and checking every
 * value (the trigger is built once, so that a bad cron field stops start-up rather than the first run). Errors are
 * {@link InvalidApsJobException}s naming the method, then the attribute or trigger field at fault.
 */
final class ApsJobParser {

    private static final List<Field> CRON_FIELDS = List.of(new Field("year", ApsJob::year),
            new Field("month", ApsJob::month), new Field("day", ApsJob::day), new Field("week", ApsJob::week),
            new Field("day_of_week", ApsJob::dayOfWeek), new Field("hour", ApsJob::hour),
            new Field("minute", ApsJob::minute), new Field("second", ApsJob::second));
    private static final List<Field> INTERVAL_FIELDS = List.of(new Field("weeks", ApsJob::weeks),
            new Field("days", ApsJob::days), new Field("hours", ApsJob::hours), new Field("minutes", ApsJob::minutes),
            new Field("seconds", ApsJob::seconds));
    private static final List<Field> DATE_FIELDS = List.of(new Field("run_date", ApsJob::runDate));
    private static final List<Field> COMMON_FIELDS = List.of(new Field("start_date", ApsJob::startDate),
            new Field("end_date", ApsJob::endDate), new Field("timezone", ApsJob::timezone),
            new Field("jitter", ApsJob::jitter));

    private record Field(String name, Function<ApsJob, String> attribute) {
    }

    private final StringValueResolver valueResolver;

    /** @param valueResolver resolves {@code ${...}} placeholders; {@code null} leaves values as written */
    ApsJobParser(StringValueResolver valueResolver) {
        this.valueResolver = valueResolver;
    }

    /**
     * Reads one annotation of a bean method.
     *
     * @param ordinal the annotation's position among those of the method (0 for the first): the second and later
     *     ones get default ids ending in {@code -2}, {@code -3}...
     */
    ApsJobDefinition parse(String beanName, Class<?> beanClass, Method method, ApsJob annotation, int ordinal) {
        String where = beanClass.getSimpleName() + "." + method.getName();
        try {
            String triggerType = triggerType(annotation);
            return new ApsJobDefinition(where, spec(beanName, method, annotation, ordinal, triggerType));
        } catch (IllegalArgumentException e) {
            throw new InvalidApsJobException(where, e.getMessage(), e);
        }
    }

    private JobSpec spec(String beanName, Method method, ApsJob annotation, int ordinal, String triggerType) {
        String defaultId = beanName + "." + method.getName() + (ordinal == 0 ? "" : "-" + (ordinal + 1));
        JobSpec.Builder spec = JobSpec.builder(JobTarget.of(BeanJobTargetResolver.reference(beanName, method.getName())))
                .id(orElse(resolve(annotation.id()), defaultId));
        if (triggerType != null) {
            Map<String, Object> arguments = triggerArguments(annotation, triggerType);
            // built here only to check it: the scheduler builds the job's own in its time zone
            Triggers.create(triggerType, arguments, ZoneOffset.UTC, Clock.systemUTC());
            spec.trigger(triggerType, arguments);
        }
        ifGiven(annotation.name(), spec::name);
        ifGiven(annotation.jobstore(), spec::jobstore);
        ifGiven(annotation.executor(), spec::executor);
        ifGiven(annotation.coalesce(), value -> spec.coalesce(option("coalesce", value, ConfigOptions::bool, true)));
        ifGiven(annotation.maxInstances(),
                value -> spec.maxInstances(option("maxInstances", value, ConfigOptions::integer, 1)));
        ifGiven(annotation.misfireGraceTime(), value -> spec.misfireGraceTime(option("misfireGraceTime", value,
                (options, key, unused) -> options.duration(key, null, true), null)));
        ifGiven(annotation.recovery(), value -> spec.recovery(recovery(value)));
        ifGiven(annotation.retries(), value -> spec.retries(retries(value)));
        ifGiven(annotation.retryBackoff(), value -> spec.retryBackoff(option("retryBackoff", value,
                (options, key, unused) -> options.duration(key, null, false), null)));
        List<Object> args = new ArrayList<>();
        for (String arg : annotation.args()) {
            args.add(resolve(arg));
        }
        spec.args(args);
        spec.kwargs(kwargs(annotation.kwargs()));
        return spec.build();
    }

    /** The trigger type given or implied by the fields set; {@code null} for none (run once at start). */
    private String triggerType(ApsJob annotation) {
        String explicit = resolve(annotation.trigger());
        if (!explicit.isEmpty()) {
            return explicit.equals("crontab") ? "cron" : explicit;
        }
        Map<String, List<String>> implied = new LinkedHashMap<>();
        if (!resolve(annotation.cron()).isEmpty()) {
            implied.computeIfAbsent("cron", type -> new ArrayList<>()).add("cron");
        }
        given(annotation, CRON_FIELDS).keySet()
                .forEach(name -> implied.computeIfAbsent("cron", type -> new ArrayList<>()).add(name));
        given(annotation, INTERVAL_FIELDS).keySet()
                .forEach(name -> implied.computeIfAbsent("interval", type -> new ArrayList<>()).add(name));
        given(annotation, DATE_FIELDS).keySet()
                .forEach(name -> implied.computeIfAbsent("date", type -> new ArrayList<>()).add(name));
        if (implied.size() > 1) {
            StringJoiner found = new StringJoiner("; ");
            implied.forEach((type, names) -> found.add(type + ": " + String.join(", ", names)));
            throw new IllegalArgumentException("sets fields of more than one trigger type (" + found
                    + "); keep those of one type");
        }
        if (implied.isEmpty()) {
            Map<String, Object> common = given(annotation, COMMON_FIELDS);
            if (!common.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", common.keySet())
                        + " need a trigger; set trigger or the fields of one (with none, the job runs once at start)");
            }
            return null;
        }
        return implied.keySet().iterator().next();
    }

    /** Every field given, by APScheduler's argument name; a crontab string becomes the cron fields it stands for. */
    private Map<String, Object> triggerArguments(ApsJob annotation, String triggerType) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        String crontab = resolve(annotation.cron());
        if (!crontab.isEmpty()) {
            if (!triggerType.equals("cron")) {
                throw new IllegalArgumentException("cron: a crontab string makes a cron trigger, not " + triggerType);
            }
            Map<String, Object> cronFields = given(annotation, CRON_FIELDS);
            if (!cronFields.isEmpty()) {
                throw new IllegalArgumentException("give either cron or the cron fields (" + String.join(", ",
                        cronFields.keySet()) + "), not both");
            }
            // core reads the crontab (Sunday = 0) into APScheduler's fields (Monday = 0); the zone is the job's, below
            arguments.putAll(CronTrigger.fromCrontab(crontab, ZoneOffset.UTC).arguments());
            arguments.remove("timezone");
        }
        arguments.putAll(given(annotation, CRON_FIELDS));
        arguments.putAll(given(annotation, INTERVAL_FIELDS));
        arguments.putAll(given(annotation, DATE_FIELDS));
        arguments.putAll(given(annotation, COMMON_FIELDS));
        return arguments;
    }

    private Map<String, Object> given(ApsJob annotation, List<Field> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : fields) {
            String value = resolve(field.attribute().apply(annotation));
            if (!value.isEmpty()) {
                values.put(field.name(), value);
            }
        }
        return values;
    }

    private Map<String, Object> kwargs(String[] pairs) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (String pair : pairs) {
            String resolved = resolve(pair);
            int equals = resolved.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("kwargs: expected name=value but was '" + resolved + "'");
            }
            kwargs.put(resolved.substring(0, equals).trim(), resolved.substring(equals + 1));
        }
        return kwargs;
    }

    private static Recovery recovery(String value) {
        try {
            return Recovery.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recovery: must be none or rerun but was '" + value + "'", e);
        }
    }

    // a message of its own: "a whole number, 0 or more" in one piece, where ConfigOptions tells the two apart
    private static int retries(String value) {
        try {
            int retries = Integer.parseInt(value);
            if (retries >= 0) {
                return retries;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("retries: must be a whole number, 0 or more, but was '" + value + "'");
    }

    private interface OptionReader<T> {
        T read(ConfigOptions options, String key, T defaultValue);
    }

    /** Reads one attribute with the engine's own rules for configuration values, and its messages. */
    private static <T> T option(String attribute, String value, OptionReader<T> reader, T defaultValue) {
        try {
            return reader.read(ConfigOptions.of(Map.of("value", value)), "value", defaultValue);
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(attribute + ": " + e.problem() + " but was '" + value + "'", e);
        }
    }

    private void ifGiven(String raw, Consumer<String> action) {
        String value = resolve(raw);
        if (!value.isEmpty()) {
            action.accept(value);
        }
    }

    private String resolve(String value) {
        String resolved = valueResolver == null ? value : valueResolver.resolveStringValue(value);
        return resolved == null ? "" : resolved.trim();
    }

    private static String orElse(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
