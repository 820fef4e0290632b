package io.github.apscheduler4j.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * What {@link AndTrigger} and {@link OrTrigger} share: the triggers they combine and a jitter, their keyword
 * arguments, their validation and their text. They differ only in how they combine the fire times.
 */
abstract class CombiningTrigger extends KeywordTrigger {

    private static final Set<String> ARGUMENTS = Set.of("triggers", "jitter");

    final List<Trigger> triggers;
    final Duration jitter;

    CombiningTrigger(String type, List<? extends Trigger> triggers, Duration jitter) {
        super(type);
        this.triggers = validated(type, triggers, jitter);
        this.jitter = jitter == null || jitter.isZero() ? null : jitter;
    }

    private static List<Trigger> validated(String type, List<? extends Trigger> triggers, Duration jitter) {
        if (triggers == null || triggers.isEmpty()) {
            throw new IllegalArgumentException(type + " trigger argument 'triggers': value '" + triggers
                    + "' must hold at least one trigger");
        }
        for (int i = 0; i < triggers.size(); i++) {
            if (triggers.get(i) == null) {
                throw new IllegalArgumentException(type + " trigger argument 'triggers': element " + i + " is null");
            }
        }
        if (jitter != null && jitter.isNegative()) {
            throw new IllegalArgumentException(type + " trigger argument 'jitter': value '" + jitter
                    + "' must not be negative");
        }
        return List.copyOf(triggers);
    }

    /**
     * The trigger of alias {@code type} that {@code constructor} makes of the keyword arguments {@code triggers} and
     * {@code jitter}.
     */
    static <T extends CombiningTrigger> T create(String type, Map<String, ?> args, ZoneId defaultZone, Clock clock,
            BiFunction<List<Trigger>, Duration, T> constructor) {
        TriggerArguments arguments = TriggerArguments.of(type, args, ARGUMENTS);
        return constructor.apply(parse(type, arguments, defaultZone, clock), arguments.jitter());
    }

    /**
     * Reads {@code triggers}: a list whose elements are {@link Trigger}s or maps
     * {@code {"type": alias, "args": {...}}}, each built through {@link Triggers#create} with {@code defaultZone}.
     */
    private static List<Trigger> parse(String type, TriggerArguments arguments, ZoneId defaultZone, Clock clock) {
        Object value = arguments.raw("triggers");
        if (!(value instanceof List<?> elements) || elements.isEmpty()) {
            throw arguments.error("triggers", value, "must be a non-empty list of {\"type\": ..., \"args\": {...}} maps");
        }
        List<Trigger> triggers = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            triggers.add(element(type, arguments, i, elements.get(i), defaultZone, clock));
        }
        return triggers;
    }

    private static Trigger element(String type, TriggerArguments arguments, int index, Object element,
            ZoneId defaultZone, Clock clock) {
        if (element instanceof Trigger trigger) {
            return trigger;
        }
        String key = "triggers[" + index + "]";
        if (!(element instanceof Map<?, ?> map) || !(map.get("type") instanceof String nestedType)) {
            throw arguments.error(key, element, "is not a {\"type\": ..., \"args\": {...}} map");
        }
        for (Object entry : map.keySet()) {
            if (!"type".equals(entry) && !"args".equals(entry)) {
                throw arguments.error(key, element, "has the unknown key '" + entry + "'; known keys are [args, type]");
            }
        }
        Object nestedArgs = map.get("args");
        if (nestedArgs != null && !(nestedArgs instanceof Map)) {
            throw arguments.error(key, element, "has 'args' that is not a map");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> args = nestedArgs == null ? Map.of() : (Map<String, ?>) nestedArgs;
        try {
            return Triggers.create(nestedType, args, defaultZone, clock);
        } catch (IllegalArgumentException e) {
            // keep the nested message, which names the nested argument, and say where the nesting is
            throw new IllegalArgumentException(type + " trigger argument '" + key + "': " + e.getMessage(), e);
        }
    }

    public final List<Trigger> triggers() {
        return triggers;
    }

    @Override
    final Map<String, Object> buildArguments() {
        List<Map<String, Object>> nested = new ArrayList<>(triggers.size());
        for (Trigger trigger : triggers) {
            Map<String, Object> element = TriggerArguments.ordered();
            element.put("type", trigger.type());
            element.put("args", trigger.arguments());
            nested.add(Collections.unmodifiableMap(element));
        }
        Map<String, Object> args = TriggerArguments.ordered();
        args.put("triggers", Collections.unmodifiableList(nested));
        if (jitter != null) {
            args.put("jitter", TriggerArguments.formatJitter(jitter));
        }
        return Collections.unmodifiableMap(args);
    }

    /** As APScheduler prints it: {@code or[cron[hour='7'], interval[0:00:03]]}. */
    @Override
    public final String toString() {
        return triggers.stream().map(Object::toString).collect(Collectors.joining(", ", type() + "[", "]"));
    }
}
