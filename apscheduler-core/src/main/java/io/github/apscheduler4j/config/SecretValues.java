package io.github.apscheduler4j.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message may repeat of a value, by the rules of Spring Boot's sanitizer: the value of a key that looks secret
 * ({@code password}, {@code secret}, {@code key}, {@code token}, {@code credentials}) is shown as {@value #MASK}, and so
 * are such values inside a text ({@code password=...}, {@code "token": "..."}) and the password of a URL's user
 * information ({@code jdbc:postgresql://app:******@db/app}).
 */
public final class SecretValues {

    /** What stands for a value not shown. */
    public static final String MASK = "******";

    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|passwd|pwd|secret|key|token|credentials?)");
    // a bounded prefix: an unbounded one backtracks over every start of a long word, quadratic in its length
    private static final String SECRET_WORD = "(?:[a-z0-9]{0,30}(?:password|passwd|pwd|secret|token|credentials?|key))";
    /** The longest value a message repeats. */
    static final int SHOWN_LENGTH = 200;
    private static final Pattern SECRET_PAIR = Pattern.compile("(?i)(" + SECRET_WORD
            + "[\"']?\\s*[=:]\\s*[\"']?)([^\\s&;,\"'}\\])]+)");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]+:)([^@/\\s]+)(@)");

    private SecretValues() {
    }

    /** Whether the value of this key (a property name, dotted or not) must not be shown. */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace("]", "");
        String last = normalized.substring(Math.max(normalized.lastIndexOf('.'), normalized.lastIndexOf('[')) + 1);
        return SECRET_KEY.matcher(last).matches() || normalized.contains("credentials");
    }

    /**
     * The value as a message may show it: {@value #MASK} for a secret key, else its text with secrets masked, cut to
     * {@value #SHOWN_LENGTH} characters.
     */
    public static String shown(String key, Object value) {
        if (value == null) {
            return "null";
        }
        if (isSecretKey(key)) {
            return MASK;
        }
        String text = String.valueOf(value);
        return text.length() <= SHOWN_LENGTH ? maskInText(text)
                : maskInText(text.substring(0, SHOWN_LENGTH)) + "... (" + text.length() + " characters)";
    }

    /** The text with the values of secret-looking keys and the passwords of URLs replaced by {@value #MASK}. */
    public static String maskInText(String text) {
        if (text == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        return SECRET_PAIR.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
}
