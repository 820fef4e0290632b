package io.github.apscheduler4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Property tests: the fast searches of the cron, calendar-interval, {@code and} and {@code or} triggers against the
 * brute-force {@link WallClockReference}s, in every zone of the JDK's tz database that has a transition in 2020-2037,
 * from starts drawn around those transitions ({@link DstCaseGenerator}), 10 fires each, as the scheduler asks for them.
 *
 * <p>Seeded and bounded: {@value #DEFAULT_SEED} and {@value #DEFAULT_TRIES_PER_ZONE} cases per zone and property unless
 * the system properties {@code apscheduler.dst.seed} and {@code apscheduler.dst.tries} say otherwise. A failure is
 * shrunk (fields and expressions dropped or simplified, the start rounded) while it still fails, and printed as the
 * arguments of a regression case; {@link DstRegressionTests} keeps those found so far.
 *
 * <p>The generation and shrinking are this class's own, on plain JUnit: jqwik (the property-testing library kept up
 * for the JUnit Platform; 1.10.1 runs on JUnit 6) asks since 1.10 that AI coding agents not use it, and these tests
 * were written by one.
 */
class DstPropertyTests {

    static final long DEFAULT_SEED = 20261205L;
    static final int DEFAULT_TRIES_PER_ZONE = 8;
    private static final long SEED = Long.getLong("apscheduler.dst.seed", DEFAULT_SEED);
    private static final int TRIES_PER_ZONE = Integer.getInteger("apscheduler.dst.tries", DEFAULT_TRIES_PER_ZONE);
    private static final int FIRES = 10;
    private static final long HORIZON = 400 * ZoneTimeline.DAY;
    // combined triggers meet rarely: their reference steps through the first one's fires, so it looks less far
    private static final long COMBINED_HORIZON = 40 * ZoneTimeline.DAY;
    private static final int MAX_REPORTED = 8;
    private static final List<ZoneId> ZONES = DstCaseGenerator.zonesWithTransitions();

    record CronCase(ZoneId zone, Map<String, Object> fields, Instant start) {
    }

    record CombinedCase(String type, ZoneId zone, List<Map<String, Object>> children, Instant start) {
    }

    record CalendarCase(ZoneId zone, int years, int months, int weeks, int days, LocalTime time, LocalDate startDate) {
    }

    @Test
    void everyZoneWithATransitionIn2020To2037IsCovered() {
        // the JDK 17 tz database has 231 such ids (aliases included); a newer one may have a few more or fewer
        assertThat(ZONES).hasSizeGreaterThan(150).contains(ZoneId.of("Europe/Berlin"), ZoneId.of("Australia/Lord_Howe"),
                ZoneId.of("Pacific/Chatham"), ZoneId.of("Antarctica/Troll"));
    }

    @Test
    void cronFiresWhereTheWallClockReferenceFires() {
        run("cron", (generator, timeline) -> {
            ZoneTimeline.Transition transition = generator.transition(timeline);
            CronCase c = new CronCase(timeline.zone, generator.cronFields(transition),
                    generator.startAround(transition));
            return build(c) == null ? null : c;
        }, DstPropertyTests::checkCron, DstPropertyTests::shrinkCron);
    }

    @Test
    void andAndOrFireWhereTheWallClockReferenceFires() {
        run("and/or", (generator, timeline) -> {
            ZoneTimeline.Transition transition = generator.transition(timeline);
            String type = generator.combiningType();
            return new CombinedCase(type, timeline.zone, generator.combinedCronFields(type, transition),
                    generator.startAround(transition));
        }, DstPropertyTests::checkCombined, DstPropertyTests::shrinkCombined);
    }

    @Test
    void calendarIntervalFiresWhereTheWallClockReferenceFires() {
        run("calendarinterval", DstCaseGenerator::calendarCase, DstPropertyTests::checkCalendar,
                DstPropertyTests::shrinkCalendar);
    }

    /**
     * Draws {@link #TRIES_PER_ZONE} cases in each zone from a source seeded by the seed and the zone's id, checks each,
     * and fails with the shrunk form of the first failures.
     */
    private static <C> void run(String property, BiFunction<DstCaseGenerator, ZoneTimeline, C> draw,
            Function<C, String> check, Function<C, List<C>> shrinks) {
        long began = System.nanoTime();
        int cases = 0;
        Set<String> failures = new LinkedHashSet<>();
        for (ZoneId zone : ZONES) {
            DstCaseGenerator generator = new DstCaseGenerator(new SplittableRandom(SEED * 31 + zone.getId().hashCode()));
            ZoneTimeline timeline = ZoneTimeline.of(zone);
            for (int i = 0; i < TRIES_PER_ZONE; i++) {
                C c = draw.apply(generator, timeline);
                if (c == null) {
                    continue;
                }
                cases++;
                String failure = check.apply(c);
                if (failure != null && failures.size() < MAX_REPORTED) {
                    C shrunk = shrink(c, check, shrinks);
                    failures.add("try " + i + " in " + zone + "\n  drawn:  " + c + "\n  shrunk: " + shrunk + "\n  "
                            + check.apply(shrunk));
                }
            }
        }
        System.out.printf("DST property '%s': %d cases in %d zones, seed %d, %d ms%n", property, cases, ZONES.size(),
                SEED, (System.nanoTime() - began) / 1_000_000);
        assertThat(failures).as("counterexamples of '%s' (seed %d)", property, SEED).isEmpty();
    }

    /** Takes the first simpler case that still fails, again and again, until none does. */
    private static <C> C shrink(C failing, Function<C, String> check, Function<C, List<C>> shrinks) {
        C current = failing;
        for (int round = 0; round < 200; round++) {
            C simpler = null;
            for (C candidate : shrinks.apply(current)) {
                if (!candidate.equals(current) && check.apply(candidate) != null) {
                    simpler = candidate;
                    break;
                }
            }
            if (simpler == null) {
                return current;
            }
            current = simpler;
        }
        return current;
    }

    // ---- cron

    static Trigger build(CronCase c) {
        try {
            return CronTrigger.fromArgs(c.fields(), c.zone());
        } catch (IllegalArgumentException notACase) {
            return null;
        }
    }

    static String checkCron(CronCase c) {
        Trigger trigger = build(c);
        if (trigger == null) {
            return null;
        }
        return compare(trigger, new CronReference(c.fields(), c.zone()), c.zone(), c.start(), HORIZON);
    }

    private static List<CronCase> shrinkCron(CronCase c) {
        List<CronCase> simpler = new ArrayList<>();
        for (Map<String, Object> fields : simplerFields(c.fields())) {
            simpler.add(new CronCase(c.zone(), fields, c.start()));
        }
        for (Instant start : simplerStarts(c.start())) {
            simpler.add(new CronCase(c.zone(), c.fields(), start));
        }
        return simpler;
    }

    // ---- and, or

    static String checkCombined(CombinedCase c) {
        List<Trigger> triggers = new ArrayList<>();
        List<WallClockReference> references = new ArrayList<>();
        for (Map<String, Object> fields : c.children()) {
            Trigger trigger = build(new CronCase(c.zone(), fields, c.start()));
            if (trigger == null) {
                return null;
            }
            triggers.add(trigger);
            references.add(new CronReference(fields, c.zone()));
        }
        return c.type().equals("and")
                ? compare(new AndTrigger(triggers), WallClockReference.and(references), c.zone(), c.start(),
                        COMBINED_HORIZON)
                : compare(new OrTrigger(triggers), WallClockReference.or(references), c.zone(), c.start(),
                        COMBINED_HORIZON);
    }

    private static List<CombinedCase> shrinkCombined(CombinedCase c) {
        List<CombinedCase> simpler = new ArrayList<>();
        for (int i = 0; i < c.children().size() && c.children().size() > 1; i++) {
            List<Map<String, Object>> fewer = new ArrayList<>(c.children());
            fewer.remove(i);
            simpler.add(new CombinedCase(c.type(), c.zone(), fewer, c.start()));
        }
        for (int i = 0; i < c.children().size(); i++) {
            for (Map<String, Object> fields : simplerFields(c.children().get(i))) {
                List<Map<String, Object>> children = new ArrayList<>(c.children());
                children.set(i, fields);
                simpler.add(new CombinedCase(c.type(), c.zone(), children, c.start()));
            }
        }
        for (Instant start : simplerStarts(c.start())) {
            simpler.add(new CombinedCase(c.type(), c.zone(), c.children(), start));
        }
        return simpler;
    }

    // ---- calendar interval

    static String checkCalendar(CalendarCase c) {
        CalendarIntervalTrigger trigger = new CalendarIntervalTrigger(c.years(), c.months(), c.weeks(), c.days(),
                c.time(), c.startDate(), null, c.zone(), null);
        List<Instant> actual = new ArrayList<>();
        ZonedDateTime now = c.startDate().atStartOfDay(c.zone());
        for (ZonedDateTime fire : FireTimes.fireTimes(trigger, now, FIRES)) {
            actual.add(fire.toInstant());
        }
        List<Instant> expected = new ArrayList<>();
        CalendarIntervalReference reference = new CalendarIntervalReference(c.years(), c.months(), c.weeks(),
                c.days(), c.time(), c.startDate(), c.zone());
        for (long fire : reference.fires(FIRES, c.startDate().plusYears(100))) {
            expected.add(Instant.ofEpochSecond(fire));
        }
        return actual.equals(expected) ? null : "expected " + expected + "\n  but was  " + actual;
    }

    private static List<CalendarCase> shrinkCalendar(CalendarCase c) {
        List<CalendarCase> simpler = new ArrayList<>();
        int[] steps = {c.years(), c.months(), c.weeks(), c.days()};
        for (int i = 0; i < steps.length; i++) {
            for (int value : new int[] {0, 1}) {
                int[] fewer = steps.clone();
                fewer[i] = Math.min(fewer[i], value);
                if (fewer[0] + fewer[1] + fewer[2] + fewer[3] > 0) {
                    simpler.add(new CalendarCase(c.zone(), fewer[0], fewer[1], fewer[2], fewer[3], c.time(),
                            c.startDate()));
                }
            }
        }
        simpler.add(new CalendarCase(c.zone(), c.years(), c.months(), c.weeks(), c.days(),
                c.time().withSecond(0), c.startDate()));
        return simpler;
    }

    // ---- shared

    /**
     * The first {@link #FIRES} fire times {@code within} seconds of the start, asked as the scheduler asks (first
     * with no previous fire time, then with the last one as previous fire time and now), against the reference's.
     */
    static String compare(Trigger trigger, WallClockReference reference, ZoneId zone, Instant start, long within) {
        long horizon = start.getEpochSecond() + within;
        List<Instant> actual = new ArrayList<>();
        ZonedDateTime next = trigger.nextFireTime(null, start.atZone(zone));
        while (next != null && actual.size() < FIRES && next.toEpochSecond() < horizon) {
            actual.add(next.toInstant());
            next = trigger.nextFireTime(next, next);
        }
        List<Instant> expected = new ArrayList<>();
        long from = start.getNano() == 0 ? start.getEpochSecond() : start.getEpochSecond() + 1;
        while (expected.size() < FIRES) {
            long fire = reference.next(from, horizon);
            if (fire == WallClockReference.NONE) {
                break;
            }
            if (!reference.firesAt(fire)) {
                throw new IllegalStateException("the reference is inconsistent at " + Instant.ofEpochSecond(fire));
            }
            expected.add(Instant.ofEpochSecond(fire));
            from = fire + 1;
        }
        return actual.equals(expected) ? null : "expected " + expected + "\n  but was  " + actual;
    }

    /** The fields with one field left out, one expression of a list kept, or one expression made simpler. */
    static List<Map<String, Object>> simplerFields(Map<String, Object> fields) {
        List<Map<String, Object>> simpler = new ArrayList<>();
        for (String name : fields.keySet()) {
            if (fields.size() > 1) {
                Map<String, Object> fewer = new LinkedHashMap<>(fields);
                fewer.remove(name);
                simpler.add(fewer);
            }
            String text = fields.get(name).toString();
            String[] parts = text.split(",");
            List<String> alternatives = new ArrayList<>();
            if (parts.length > 1) {
                for (int i = 0; i < parts.length; i++) {
                    alternatives.add(parts[i]);
                    List<String> rest = new ArrayList<>(List.of(parts));
                    rest.remove(i);
                    alternatives.add(String.join(",", rest));
                }
            }
            for (int i = 0; i < parts.length; i++) {
                for (String part : simplerExpressions(parts[i])) {
                    String[] changed = parts.clone();
                    changed[i] = part;
                    alternatives.add(String.join(",", changed));
                }
            }
            for (String alternative : alternatives) {
                Map<String, Object> changed = new LinkedHashMap<>(fields);
                changed.put(name, alternative);
                simpler.add(changed);
            }
        }
        return simpler;
    }

    private static List<String> simplerExpressions(String expression) {
        List<String> simpler = new ArrayList<>();
        int slash = expression.indexOf('/');
        if (slash >= 0) {
            simpler.add(expression.substring(0, slash));
        }
        int dash = expression.indexOf('-');
        if (dash > 0 && slash < 0) {
            simpler.add(expression.substring(0, dash));
            simpler.add(expression.substring(dash + 1));
        }
        return simpler;
    }

    private static List<Instant> simplerStarts(Instant start) {
        long seconds = start.getEpochSecond();
        List<Instant> simpler = new ArrayList<>();
        for (long unit : new long[] {3600, 900, 300, 60}) {
            simpler.add(Instant.ofEpochSecond(seconds - Math.floorMod(seconds, unit)));
        }
        simpler.add(Instant.ofEpochSecond(seconds));
        return simpler;
    }
}
