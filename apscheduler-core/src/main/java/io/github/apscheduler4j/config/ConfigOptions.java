package io.github.apscheduler4j.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads one level of configuration (APScheduler's dict form) with typed getters whose errors name the key.
 * Keys are normalized to APScheduler's snake_case, so {@code max-workers}, {@code maxWorkers} and
 * {@code max_workers} are one key.
 */
public final class ConfigOptions {

    private final Map<String, Object> values;

    private ConfigOptions(Map<String, Object> values) {
        this.values = values;
    }

    public static ConfigOptions of(Map<String, ?> options) {
        Map<String, Object> normalized = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((key, value) -> normalized.put(snakeCase(key), value));
        }
        return new ConfigOptions(Collections.unmodifiableMap(normalized));
    }

    /** {@code maxWorkers} and {@code max-workers} become {@code max_workers}. */
    public static String snakeCase(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '-') {
                out.append('_');
            } else if (Character.isUpperCase(c)) {
                if (i > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Refuses any key but {@code known}. @return this */
    public ConfigOptions requireOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidConfigurationException(key, values.get(key), "unknown option"
                        + (allowed.isEmpty() ? "; this takes no options" : "; known options: " + new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public Object raw(String key) {
        return values.get(key);
    }

    /** The options other than {@code keys}. */
    public Map<String, Object> without(String... keys) {
        Map<String, Object> rest = new LinkedHashMap<>(values);
        for (String key : keys) {
            rest.remove(key);
        }
        return rest;
    }

    public String string(String key, String defaultValue) {
        Object value = values.get(key);
        return value == null ? defaultValue : value.toString().trim();
    }

    /** A whole number of at least 1. */
    /** A whole number of at least 1 (a count of workers or instances). */
    public int integer(String key, int defaultValue) {
        return integer(key, defaultValue, 1);
    }

    /** A whole number of at least {@code min}. */
    public int integer(String key, int defaultValue, int min) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        long number;
        try {
            double parsed = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
            if (parsed != Math.rint(parsed)) {
                throw new NumberFormatException();
            }
            number = (long) parsed;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, value, "must be a whole number");
        }
        if (number < min || number > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(key, value, "must be at least " + min);
        }
        return (int) number;
    }

    public boolean bool(String key, boolean defaultValue) {
        return typed(key, defaultValue, Boolean.class, text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> null;
        }, "must be true or false");
    }

    /**
     * A positive duration: a number of seconds (APScheduler's form), or {@code 30s}, {@code 5m}, {@code PT30S}.
     * {@code none} (or an empty value) gives {@code null} where {@code allowNone}.
     */
    public Duration duration(String key, Duration defaultValue, boolean allowNone) {
        if (!values.containsKey(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        if (value == null || value.toString().isBlank() || value.toString().trim().equalsIgnoreCase("none")) {
            if (allowNone) {
                return null;
            }
            throw new InvalidConfigurationException(key, value, "must be a duration such as 30 (seconds) or 30s");
        }
        Duration duration;
        try {
            duration = value instanceof Duration d ? d : parseDuration(value);
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException(key, value, "must be a duration such as 30 (seconds), 30s or PT30S");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidConfigurationException(key, value, "must be positive" + (allowNone ? " (or none for no limit)" : ""));
        }
        return duration;
    }

    private static Duration parseDuration(Object value) {
        if (value instanceof Number n) {
            return Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        String[][] units = {{"ms", "0.001"}, {"s", "1"}, {"m", "60"}, {"h", "3600"}, {"d", "86400"}};
        for (String[] unit : units) {
            if (text.endsWith(unit[0]) && !(unit[0].equals("s") && text.endsWith("ms"))) {
                double amount = Double.parseDouble(text.substring(0, text.length() - unit[0].length()).trim());
                return Duration.ofNanos(Math.round(amount * Double.parseDouble(unit[1]) * 1e9));
            }
        }
        return Duration.ofNanos(Math.round(Double.parseDouble(text) * 1e9));
    }

    public ZoneId zone(String key, ZoneId defaultValue) {
        return typed(key, defaultValue, ZoneId.class, ConfigOptions::knownZone,
                "is not a known time zone (use a region such as Europe/Berlin or UTC)");
    }

    private static ZoneId knownZone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The value of {@code key}: {@code defaultValue} when it is absent, itself when it is a {@code type} already, else
     * what {@code fromText} makes of its text; {@code fromText} answers {@code null} for a text it cannot read, and the
     * value is refused with {@code problem}.
     */
    private <T> T typed(String key, T defaultValue, Class<T> type, Function<String, T> fromText, String problem) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        T converted = fromText.apply(value.toString().trim());
        if (converted == null) {
            throw new InvalidConfigurationException(key, value, problem);
        }
        return converted;
    }

    /** A nested map (a store's or executor's entry). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidConfigurationException(key, value, "must be a map");
        }
        return (Map<String, Object>) map;
    }
}
