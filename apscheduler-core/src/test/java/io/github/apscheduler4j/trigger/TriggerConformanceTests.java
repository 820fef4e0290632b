package io.github.apscheduler4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the fire times APScheduler 3.11.2 computed for 1218 triggers (the resource
 * {@code apscheduler-3.11.2-triggers.json}) and checks that every trigger built here fires at the
 * same instants, or refuses the same arguments with an {@link IllegalArgumentException} naming the
 * argument at fault.
 */
class TriggerConformanceTests {

    private static final String RESOURCE = "/apscheduler-3.11.2-triggers.json";
    private static final int CASE_COUNT = 1218;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");
    // generous: every case takes milliseconds; this only turns a runaway search into a failure
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> CRONTAB_FIELDS = List.of("minute", "hour", "day", "month", "day_of_week");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"");

    private static final Map<String, Object> DATA = load();

    record Case(String id, String trigger, Map<String, Object> args, String start, List<String> expected,
            String error) {
    }

    @Test
    void resourceHoldsEveryCaseApschedulerComputed() {
        assertThat(DATA.get("apscheduler")).isEqualTo("3.11.2");
        assertThat(cases()).hasSize(CASE_COUNT);
    }

    @TestFactory
    Stream<DynamicTest> firesWhenApschedulerFires() {
        return cases().stream().map(c -> dynamicTest(displayName(c),
                () -> assertTimeoutPreemptively(CASE_TIMEOUT, () -> check(c))));
    }

    private static void check(Case c) {
        if (c.error() != null) {
            assertThatThrownBy(() -> build(c))
                    .as("APScheduler refused these arguments with %s", c.error())
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertNamesArgumentAtFault(c, e.getMessage()));
            return;
        }
        Trigger trigger = build(c);
        int limit = ((Number) DATA.get("n")).intValue();
        List<Instant> actual = new ArrayList<>();
        ZonedDateTime fireTime = trigger.nextFireTime(null, OffsetDateTime.parse(c.start()).toZonedDateTime());
        while (fireTime != null) {
            actual.add(fireTime.toInstant());
            if (actual.size() == limit) {
                break;
            }
            fireTime = trigger.nextFireTime(fireTime, fireTime);
        }
        List<Instant> expected = c.expected().stream().map(text -> OffsetDateTime.parse(text).toInstant()).toList();
        assertThat(actual).as("fire times of %s (expected %s)", trigger, c.expected()).isEqualTo(expected);
    }

    private static Trigger build(Case c) {
        if (c.trigger().equals("crontab")) {
            return CronTrigger.fromCrontab((String) c.args().get("expr"), ZoneId.of((String) c.args().get("timezone")));
        }
        return Triggers.create(c.trigger(), c.args(), DEFAULT_ZONE);
    }

    /**
     * The message must name one of the arguments (or crontab fields) APScheduler's own message points
     * at: those whose value it quotes, or that it names. When it points at none, any argument will do.
     */
    private static void assertNamesArgumentAtFault(Case c, String message) {
        Set<String> names = argumentsAtFault(c);
        if (names.isEmpty()) {
            return;
        }
        String normalized = normalize(message);
        assertThat(names).as("argument named by the message \"%s\" (APScheduler: %s)", message, c.error())
                .anyMatch(name -> normalized.contains(normalize(name)));
    }

    private static Set<String> argumentsAtFault(Case c) {
        if (c.error().startsWith("ZoneInfoNotFoundError")) {
            return Set.of("timezone");
        }
        Set<String> quoted = new LinkedHashSet<>();
        Matcher matcher = QUOTED.matcher(c.error());
        while (matcher.find()) {
            quoted.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        List<Map.Entry<String, String>> arguments = new ArrayList<>();
        if (c.trigger().equals("crontab")) {
            String[] fields = ((String) c.args().get("expr")).trim().split("\\s+");
            for (int i = 0; i < fields.length && i < CRONTAB_FIELDS.size(); i++) {
                arguments.add(Map.entry(CRONTAB_FIELDS.get(i), fields[i]));
            }
        } else {
            flatten(c.args(), arguments);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, String> argument : arguments) {
            for (String q : quoted) {
                if (argument.getValue().equals(q) || (!q.isEmpty() && argument.getValue().contains(q))
                        || argument.getKey().equals(q)) {
                    names.add(argument.getKey());
                }
            }
        }
        if (names.isEmpty() && !c.trigger().equals("crontab")) {
            arguments.stream().map(Map.Entry::getKey).filter(key -> !key.equals("timezone")).forEach(names::add);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(Map<String, Object> args, List<Map.Entry<String, String>> into) {
        args.forEach((key, value) -> {
            if (value instanceof List<?> nested) {
                for (Object element : nested) {
                    flatten((Map<String, Object>) ((Map<String, Object>) element).get("args"), into);
                }
            } else {
                into.add(Map.entry(key, String.valueOf(value)));
            }
        });
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
    }

    private static String displayName(Case c) {
        return c.id() + " " + c.trigger() + JSON.writeValueAsString(c.args());
    }

    @SuppressWarnings("unchecked")
    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) DATA.get("cases")) {
            cases.add(new Case((String) c.get("id"), (String) c.get("trigger"), (Map<String, Object>) c.get("args"),
                    (String) c.get("start"), (List<String>) c.get("expected"), (String) c.get("error")));
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = TriggerConformanceTests.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
