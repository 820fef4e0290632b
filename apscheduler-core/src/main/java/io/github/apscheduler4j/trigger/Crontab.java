package io.github.apscheduler4j.trigger;

import io.github.apscheduler4j.trigger.cron.CronExpressionException;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the day-of-week field of a crontab string with the standard numbering (0 or 7 = Sunday,
 * 1 = Monday) and rewrites it as weekday names, which mean the same in APScheduler's cron field,
 * whose numbers start at Monday = 0.
 */
final class Crontab {

    private static final List<String> NAMES = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final Pattern ITEM = Pattern.compile("(\\*|\\w+)(?:-(\\w+))?(?:/(\\d+))?");

    private Crontab() {
    }

    static String weekdays(String field) {
        String trimmed = field.trim();
        if (trimmed.equals("*") || trimmed.equals("?")) {
            return "*";
        }
        TreeSet<Integer> days = new TreeSet<>();
        for (String item : trimmed.split(",", -1)) {
            Matcher m = ITEM.matcher(item.trim());
            if (!m.matches()) {
                throw error("unrecognized expression '" + item + "'");
            }
            boolean all = m.group(1).equals("*");
            if (all && m.group(2) != null) {
                throw error("unrecognized expression '" + item + "'");
            }
            int first = all ? 0 : day(m.group(1));
            int last = all ? 6 : m.group(2) != null ? day(m.group(2)) : m.group(3) != null ? 6 : first;
            int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            if (step == 0) {
                throw error("step must be at least 1 in '" + item + "'");
            }
            if (first > last && !(last == 0 && m.group(2) != null)) {
                throw error("range '" + item + "' starts after it ends");
            }
            // "5-7" and "5-0" both run Friday to Sunday
            int end = last < first ? 7 : last;
            for (int day = first; day <= end; day += step) {
                days.add(day % 7);
            }
        }
        StringJoiner names = new StringJoiner(",");
        // Monday first, as APScheduler orders weekdays
        for (int i = 1; i <= 7; i++) {
            if (days.contains(i % 7)) {
                names.add(NAMES.get(i % 7));
            }
        }
        return names.toString();
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

    private static CronExpressionException error(String problem) {
        return new CronExpressionException("day_of_week", "crontab field 'day_of_week': " + problem);
    }
}
