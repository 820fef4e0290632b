package io.github.apscheduler4j.trigger.cron;

import java.util.List;

/**
 * One parsed cron field: its type, the comma-separated expressions and the text they came from.
 * Parsing follows APScheduler's {@code BaseField.compile_expressions}, with its validation rules;
 * every error names the field and the value at fault.
 *
 * <p>The expressions are read by hand, character by character, as APScheduler's regular expressions read them
 * ({@code *}/{@code c}, {@code a-b/c}, {@code 2nd fri}, {@code last}, {@code jan-mar}; names in any ASCII case): a
 * trigger is made from its fields each time a job is added or loaded, and matching regular expressions took most of
 * that time.
 */
public final class CronField {

    static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th", "last");
    private static final int NOT_MATCHED = -1;

    private final CronFieldType type;
    private final String text;
    private final boolean isDefault;
    private final FieldExpression[] expressions;

    private CronField(CronFieldType type, String text, boolean isDefault, FieldExpression[] expressions) {
        this.type = type;
        this.text = text;
        this.isDefault = isDefault;
        this.expressions = expressions;
    }

    /** Parses {@code text} (a comma-separated list of expressions) for the field {@code type}. */
    public static CronField parse(CronFieldType type, String text, boolean isDefault) {
        String trimmed = text.trim();
        int comma = trimmed.indexOf(',');
        FieldExpression[] parsed;
        if (comma < 0) {
            parsed = new FieldExpression[] {parseExpression(type, trimmed)};
        } else {
            int count = 2;
            for (int at = trimmed.indexOf(',', comma + 1); at >= 0; at = trimmed.indexOf(',', at + 1)) {
                count++;
            }
            parsed = new FieldExpression[count];
            int from = 0;
            for (int i = 0; i < count; i++) {
                int to = i == count - 1 ? trimmed.length() : trimmed.indexOf(',', from);
                parsed[i] = parseExpression(type, trimmed.substring(from, to).trim());
                from = to + 1;
            }
        }
        return new CronField(type, trimmed, isDefault, parsed);
    }

    private static FieldExpression parseExpression(CronFieldType type, String expr) {
        int length = expr.length();
        char first = length == 0 ? 0 : expr.charAt(0);
        if (first == '*') {
            // \*(?:/(\d+))?
            if (length == 1) {
                return new AllExpression(0);
            }
            if (expr.charAt(1) == '/' && length > 2 && digitsEnd(expr, 2) == length) {
                int step = parseStep(type, expr, 2, length);
                checkStep(type, expr, step, type.max() - type.min());
                return new AllExpression(step);
            }
        } else if (isDigit(first)) {
            // (\d+)(?:-(\d+))?(?:/(\d+))?
            int firstEnd = digitsEnd(expr, 0);
            int lastStart = NOT_MATCHED;
            int stepStart = NOT_MATCHED;
            int at = firstEnd;
            if (at < length && expr.charAt(at) == '-') {
                lastStart = at + 1;
                at = digitsEnd(expr, lastStart);
                if (at == lastStart) {
                    at = NOT_MATCHED;
                }
            }
            if (at >= 0 && at < length && expr.charAt(at) == '/') {
                stepStart = at + 1;
                at = digitsEnd(expr, stepStart);
                if (at == stepStart) {
                    at = NOT_MATCHED;
                }
            }
            if (at == length) {
                int firstValue = parseNumber(type, expr, 0, firstEnd);
                int step = stepStart < 0 ? 0 : parseStep(type, expr, stepStart, length);
                int lastEnd = stepStart < 0 ? length : stepStart - 1;
                int last = lastStart >= 0 ? parseNumber(type, expr, lastStart, lastEnd) : step == 0 ? firstValue : -1;
                return range(type, expr, firstValue, last, step);
            }
        }
        if (type == CronFieldType.DAY) {
            FieldExpression position = weekdayPosition(type, expr);
            if (position != null) {
                return position;
            }
            if (length == 4 && equalsIgnoringAsciiCase(expr, 0, "last")) {
                return new LastDayOfMonthExpression();
            }
        }
        if (type == CronFieldType.MONTH || type == CronFieldType.DAY_OF_WEEK) {
            // ([a-z]+)(?:-([a-z]+))?, any ASCII case
            int firstEnd = lettersEnd(expr, 0);
            int at = firstEnd;
            int lastStart = NOT_MATCHED;
            if (firstEnd > 0 && at < length && expr.charAt(at) == '-') {
                lastStart = at + 1;
                at = lettersEnd(expr, lastStart);
                if (at == lastStart) {
                    at = NOT_MATCHED;
                }
            }
            if (firstEnd > 0 && at == length) {
                boolean month = type == CronFieldType.MONTH;
                List<String> names = month ? MONTHS : WEEKDAYS;
                String kind = month ? "month" : "weekday";
                int offset = month ? 1 : 0;
                int firstValue = nameIndex(type, expr, names, 0, firstEnd, kind) + offset;
                int last = lastStart < 0 ? firstValue
                        : nameIndex(type, expr, names, lastStart, length, kind) + offset;
                return range(type, expr, firstValue, last, 0);
            }
        }
        throw error(type, "unrecognized expression '" + expr + "'");
    }

    /** {@code (1st|2nd|3rd|4th|5th|last) +(\w+)}, any ASCII case, or {@code null} when {@code expr} is not one. */
    private static FieldExpression weekdayPosition(CronFieldType type, String expr) {
        int length = expr.length();
        for (int position = 0; position < POSITIONS.size(); position++) {
            String word = POSITIONS.get(position);
            int at = word.length();
            if (length <= at || expr.charAt(at) != ' ' || !equalsIgnoringAsciiCase(expr, 0, word)) {
                continue;
            }
            while (at < length && expr.charAt(at) == ' ') {
                at++;
            }
            int nameStart = at;
            while (at < length && isWordCharacter(expr.charAt(at))) {
                at++;
            }
            if (at == nameStart || at != length) {
                return null;
            }
            return new WeekdayPositionExpression(position,
                    nameIndex(type, expr, WEEKDAYS, nameStart, length, "weekday"), expr);
        }
        return null;
    }

    private static RangeExpression range(CronFieldType type, String expr, int first, int last, int step) {
        if (last >= 0 && first > last) {
            throw error(type, "range '" + expr + "' starts after it ends");
        }
        checkStep(type, expr, step, type.max() - type.min());
        if (first < type.min()) {
            throw outside(type, first);
        }
        if (last > type.max()) {
            throw outside(type, last);
        }
        // APScheduler measures the range with `(last or max) - first`: a last value of 0 counts as open-ended
        checkStep(type, expr, step, (last <= 0 ? type.max() : last) - first);
        return new RangeExpression(first, last, step, expr);
    }

    private static void checkStep(CronFieldType type, String expr, int step, int range) {
        if (step > range) {
            throw error(type, "step " + step + " in '" + expr + "' is larger than the range it steps through ("
                    + range + ")");
        }
    }

    /** The number in {@code expr} from {@code from} to {@code to}, all ASCII digits. */
    private static int parseNumber(CronFieldType type, String expr, int from, int to) {
        if (to - from > 9) {
            // may not fit an int: as Integer.parseInt reads it
            String digits = expr.substring(from, to);
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw outside(type, digits);
            }
        }
        int number = 0;
        for (int i = from; i < to; i++) {
            number = number * 10 + (expr.charAt(i) - '0');
        }
        return number;
    }

    /** The step after '/', from {@code from} to {@code to} in {@code expr}. */
    private static int parseStep(CronFieldType type, String expr, int from, int to) {
        int step = parseNumber(type, expr, from, to);
        if (step == 0) {
            throw error(type, "step must be at least 1 in '" + expr + "'");
        }
        return step;
    }

    private static int nameIndex(CronFieldType type, String expr, List<String> names, int from, int to, String kind) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.length() == to - from && equalsIgnoringAsciiCase(expr, from, name)) {
                return i;
            }
        }
        throw error(type, "'" + expr.substring(from, to) + "' in '" + expr + "' is not a " + kind + " name ("
                + names.get(0) + "-" + names.get(names.size() - 1) + ")");
    }

    /** Whether {@code text} holds {@code lowerCase} at {@code from}, in any ASCII case. */
    private static boolean equalsIgnoringAsciiCase(String text, int from, String lowerCase) {
        if (text.length() - from < lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            char c = text.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A character of the regular expression class {@code \w}: an ASCII letter or digit, or '_'. */
    private static boolean isWordCharacter(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    /** Where the run of digits from {@code from} ends. */
    private static int digitsEnd(String text, int from) {
        int at = from;
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Where the run of ASCII letters from {@code from} ends. */
    private static int lettersEnd(String text, int from) {
        int at = from;
        while (at < text.length() && isLetter(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static CronExpressionException outside(CronFieldType type, Object value) {
        return error(type, "value " + value + " is outside " + type.min() + "-" + type.max());
    }

    static CronExpressionException error(CronFieldType type, String problem) {
        return new CronExpressionException(type.fieldName(), "cron field '" + type.fieldName() + "': " + problem);
    }

    public CronFieldType type() {
        return type;
    }

    /** Whether the field was not given and took its default ({@code *} or the minimum). */
    public boolean isDefault() {
        return isDefault;
    }

    /** Whether some expression accepts every value of the field ({@code *}). */
    boolean acceptsEveryValue() {
        for (FieldExpression expression : expressions) {
            if (expression.everyValue()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets in {@code words} (bit 0: the value {@code base}) the values the month-independent expressions accept; the
     * others are {@link #monthDependentExpressions()}.
     */
    void addValues(long[] words, int base) {
        for (FieldExpression expression : expressions) {
            if (!expression.dependsOnMonth()) {
                expression.addValues(type, words, base);
            }
        }
    }

    /** The expressions whose values depend on the month ({@code last}, {@code 2nd fri}). */
    FieldExpression[] monthDependentExpressions() {
        int count = 0;
        for (FieldExpression expression : expressions) {
            if (expression.dependsOnMonth()) {
                count++;
            }
        }
        FieldExpression[] dependent = new FieldExpression[count];
        int i = 0;
        for (FieldExpression expression : expressions) {
            if (expression.dependsOnMonth()) {
                dependent[i++] = expression;
            }
        }
        return dependent;
    }

    @Override
    public String toString() {
        return text;
    }
}
