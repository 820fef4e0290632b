package io.github.apscheduler4j.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.executor.process.Frames;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input, where the engine meets it: trigger arguments, worker frames and configuration values. Each case
 * gets a value or a clear error (an {@code IllegalArgumentException} naming the argument or property, an
 * {@code IOException} for a frame), never another exception, a hang or an allocation the input chose. Stored rows are
 * tried by every persistent store's contract ({@code PersistentJobStoreContract}). Prints its counts.
 */
class BadInputTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), UTC);
    private static final List<Object> BAD_VALUES = Arrays.asList(null, "", " ", "abc", -1, 0, -0.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, new java.math.BigInteger("9".repeat(400)),
            Double.NaN, Long.MAX_VALUE, Long.MIN_VALUE, 1e30, "1e30", List.of(1), Map.of("a", 1), true, "25", "*/0",
            "2026-13-45", "Mars/Olympus", "9999999999-01-01T00:00:00Z", "x".repeat(100_000), "\u0000", "1-",
            "mon-fri/2", "last fri#6", "${secret}");
    private static final Map<String, List<String>> ARGUMENTS = Map.of(
            "interval", List.of("weeks", "days", "hours", "minutes", "seconds", "start_date", "end_date", "timezone",
                    "jitter"),
            "cron", List.of("year", "month", "day", "week", "day_of_week", "hour", "minute", "second", "start_date",
                    "end_date", "timezone", "jitter"),
            "date", List.of("run_date", "timezone"),
            "calendarinterval", List.of("years", "months", "weeks", "days", "hour", "minute", "second", "start_date",
                    "end_date", "timezone", "jitter"),
            "crontab", List.of("expr", "timezone"),
            "and", List.of("triggers", "jitter"),
            "or", List.of("triggers", "jitter"));

    @Test
    void everyGeneratedTriggerArgumentGetsATriggerOrAnErrorNamingIt() {
        int tried = 0;
        int clear = 0;
        int built = 0;
        for (Map.Entry<String, List<String>> type : ARGUMENTS.entrySet()) {
            for (String argument : type.getValue()) {
                for (Object value : BAD_VALUES) {
                    tried++;
                    Map<String, Object> args = new HashMap<>(validArguments(type.getKey()));
                    args.put(argument, value);
                    try {
                        Trigger trigger = Triggers.create(type.getKey(), args, UTC, CLOCK);
                        // a trigger it builds answers within bounded work
                        trigger.nextFireTime(null, ZonedDateTime.now(CLOCK));
                        built++;
                    } catch (IllegalArgumentException e) {
                        assertThat(e.getMessage()).as("%s %s=%s", type.getKey(), argument, abbreviate(value))
                                .isNotBlank().hasSizeLessThan(2_000);
                        if (e.getMessage().contains(argument) || e.getMessage().contains(type.getKey())) {
                            clear++;
                        } else {
                            throw new AssertionError("the error for " + type.getKey() + " " + argument + "="
                                    + abbreviate(value) + " names neither: " + e.getMessage(), e);
                        }
                    }
                }
            }
        }
        System.out.printf("bad input [trigger arguments]: %d cases tried, %d built, %d errors clear%n", tried, built,
                clear);
        assertThat(built + clear).isEqualTo(tried);
    }

    private static Map<String, Object> validArguments(String type) {
        return switch (type) {
            case "interval" -> Map.of("minutes", 5);
            case "cron" -> Map.of("hour", 3);
            case "date" -> Map.of("run_date", "2026-07-01T00:00:00Z");
            case "calendarinterval" -> Map.of("days", 1);
            case "crontab" -> Map.of("expr", "0 3 * * *");
            default -> Map.of("triggers", List.of(Map.of("type", "interval", "args", Map.of("minutes", 5))));
        };
    }

    @Test
    void everyGeneratedWorkerFrameIsReadOrRefusedAsCorrupt() throws IOException {
        Random random = new Random(20261205);
        List<byte[]> frames = new ArrayList<>();
        for (int length : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, Frames.MAX_FRAME_BYTES + 1, 0}) {
            frames.add(frame(length, new byte[0]));
        }
        for (String body : List.of("[1,2]", "3", "\"x\"", "null", "{", "{\"type\":", "{}", "{\"a\":NaN}",
                "[".repeat(100_000), "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", "\u00ff\u00fe")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            frames.add(frame(bytes.length, bytes));
        }
        frames.add(frame(1_000, "{\"truncated\":".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            frames.add(i % 2 == 0 ? bytes : frame(bytes.length, bytes));
        }
        int read = 0;
        int refused = 0;
        for (byte[] frame : frames) {
            try {
                Map<String, Object> message = Frames.read(new DataInputStream(new ByteArrayInputStream(frame)));
                assertThat(message == null || message instanceof LinkedHashMap).isTrue();
                read++;
            } catch (IOException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
        }
        System.out.printf("bad input [worker frames]: %d cases tried, %d read, %d errors clear%n", frames.size(), read,
                refused);
        assertThat(read + refused).isEqualTo(frames.size());
    }

    private static byte[] frame(int length, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(length);
        out.write(body);
        return bytes.toByteArray();
    }

    @Test
    void everyGeneratedConfigurationValueGetsAnErrorNamingItsProperty() {
        List<String> keys = List.of("timezone", "job_defaults.coalesce", "job_defaults.max_instances",
                "job_defaults.misfire_grace_time", "job_defaults.recovery", "job_defaults.retries",
                "job_defaults.retry_backoff", "jobstore_retry_interval", "daemon", "instance_id", "store_poll_interval",
                "lease_duration", "lease_renewal_interval", "jobstores.default.type", "jobstores.default.class",
                "executors.default.type", "executors.default.max_workers", "jobstores.default", "executors.default",
                "job_defaults", "no_such_option", "jobstores.default.password");
        int tried = 0;
        int clear = 0;
        int accepted = 0;
        for (String key : keys) {
            for (Object value : BAD_VALUES) {
                tried++;
                Map<String, Object> config = new LinkedHashMap<>();
                if (key.startsWith("jobstores.default.") && !key.endsWith(".type") && !key.endsWith(".class")) {
                    config.put("jobstores.default.type", "memory");
                }
                if (key.equals("executors.default.max_workers")) {
                    config.put("executors.default.type", "threadpool");
                }
                config.put(key, value);
                try {
                    SchedulerConfig.fromMap(config, "apscheduler.");
                    accepted++;
                } catch (InvalidConfigurationException e) {
                    assertThat(e.property()).as("%s=%s", key, abbreviate(value)).startsWith("apscheduler.");
                    // the property at fault, or its entry (a class and a type are one choice)
                    String entry = "apscheduler." + (key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : key);
                    assertThat(e.property()).as("%s names %s", e.getMessage(), key).startsWith(entry);
                    if (key.endsWith("password") && value != null) {
                        assertThat(e.getMessage()).doesNotContain(String.valueOf(value).equals("******") ? "?"
                                : "'" + value + "'");
                    }
                    clear++;
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).as("%s=%s", key, abbreviate(value)).contains(key.substring(
                            key.lastIndexOf('.') + 1));
                    clear++;
                }
            }
        }
        System.out.printf("bad input [configuration values]: %d cases tried, %d accepted, %d errors clear%n", tried,
                accepted, clear);
        assertThat(accepted + clear).isEqualTo(tried);
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    static ZonedDateTime utc(int hour) {
        return ZonedDateTime.of(2026, 6, 1, hour, 0, 0, 0, ZoneOffset.UTC);
    }
}
