package io.github.apscheduler4j.trigger;

import io.github.apscheduler4j.trigger.cron.CronExpressionException;
import java.util.List;
import java.util.Locale;

/**
 * Reads the day-of-week field of a crontab string with the standard numbering (0 or 7 = Sunday,
 * 1 = Monday) and rewrites it as weekday names, which mean the same in APScheduler's cron field,
 * whose numbers start at Monday = 0.
 *
 * <p>Each comma-separated item is {@code (\*|\w+)(?:-(\w+))?(?:/(\d+))?}, read by hand.
 */
final class Crontab {

    private static final List<String> NAMES = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private Crontab() {
    }

    /** The five fields of {@code expression}, split at runs of white space ({@code \s+}) as APScheduler splits it. */
    static String[] fields(String expression) {
        String trimmed = expression.trim();
        String[] parts = new String[5];
        int count = 0;
        int at = 0;
        int length = trimmed.length();
        while (at < length || count == 0) {
            int end = at;
            while (end < length && !isSpace(trimmed.charAt(end))) {
                end++;
            }
            if (count < parts.length) {
                parts[count] = trimmed.substring(at, end);
            }
            count++;
            at = end;
            while (at < length && isSpace(trimmed.charAt(at))) {
                at++;
            }
            if (end == length) {
                break;
            }
        }
        if (count != 5) {
            throw new CronExpressionException("expr", "crontab expression '" + expression
                    + "': wrong number of fields; got " + count + ", expected 5 (minute hour day month day_of_week)");
        }
        return parts;
    }

    /** A character of the regular expression class {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static String weekdays(String field) {
        String trimmed = field.trim();
        if (trimmed.equals("*") || trimmed.equals("?")) {
            return "*";
        }
        // bit d: weekday d, Sunday = 0
        int days = 0;
        int from = 0;
        while (true) {
            int comma = trimmed.indexOf(',', from);
            String item = trimmed.substring(from, comma < 0 ? trimmed.length() : comma);
            days |= itemDays(item);
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        StringBuilder names = new StringBuilder(27);
        // Monday first, as APScheduler orders weekdays
        for (int i = 1; i <= 7; i++) {
            if ((days >>> (i % 7) & 1) != 0) {
                if (names.length() > 0) {
                    names.append(',');
                }
                names.append(NAMES.get(i % 7));
            }
        }
        return names.toString();
    }

    /** The weekdays one item accepts, as bits (Sunday = bit 0). */
    private static int itemDays(String rawItem) {
        String item = rawItem.trim();
        int length = item.length();
        int firstEnd = item.startsWith("*") ? 1 : wordEnd(item, 0);
        if (firstEnd == 0) {
            throw unrecognized(rawItem);
        }
        boolean all = firstEnd == 1 && item.charAt(0) == '*';
        int at = firstEnd;
        int lastStart = -1;
        int stepStart = -1;
        if (at < length && item.charAt(at) == '-') {
            lastStart = at + 1;
            at = wordEnd(item, lastStart);
            if (at == lastStart) {
                throw unrecognized(rawItem);
            }
        }
        if (at < length && item.charAt(at) == '/') {
            stepStart = at + 1;
            at = stepStart;
            while (at < length && item.charAt(at) >= '0' && item.charAt(at) <= '9') {
                at++;
            }
            if (at == stepStart) {
                throw unrecognized(rawItem);
            }
        }
        if (at != length || (all && lastStart >= 0)) {
            throw unrecognized(rawItem);
        }
        int lastEnd = stepStart < 0 ? length : stepStart - 1;
        int first = all ? 0 : day(item.substring(0, firstEnd));
        int last = all ? 6 : lastStart >= 0 ? day(item.substring(lastStart, lastEnd)) : stepStart >= 0 ? 6 : first;
        int step = stepStart < 0 ? 1 : Integer.parseInt(item.substring(stepStart));
        if (step == 0) {
            throw error("step must be at least 1 in '" + rawItem + "'");
        }
        if (first > last && !(last == 0 && lastStart >= 0)) {
            throw error("range '" + rawItem + "' starts after it ends");
        }
        // "5-7" and "5-0" both run Friday to Sunday
        int end = last < first ? 7 : last;
        int days = 0;
        for (int day = first; day <= end; day += step) {
            days |= 1 << (day % 7);
        }
        return days;
    }

    /** Where the run of {@code \w} characters (ASCII letters, digits, '_') from {@code from} ends. */
    private static int wordEnd(String text, int from) {
        int at = from;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                break;
            }
            at++;
        }
        return at;
    }

    private static int day(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        int named = NAMES.indexOf(lower);
        if (named >= 0) {
            return named;
        }
        try {
            int number = Integer.parseInt(lower);
            if (number < 0 || number > 7) {
                throw error("value " + number + " is outside 0-7 (0 and 7 are Sunday)");
            }
            return number;
        } catch (NumberFormatException e) {
            throw error("'" + token + "' is not a weekday number (0-7) or name (sun-sat)");
        }
    }

    private static CronExpressionException unrecognized(String item) {
        return error("unrecognized expression '" + item + "'");
    }

    private static CronExpressionException error(String problem) {
        return new CronExpressionException("day_of_week", "crontab field 'day_of_week': " + problem);
    }
}
