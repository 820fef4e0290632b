package io.github.apscheduler4j.trigger.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed cron field: its type, the comma-separated expressions and the text they came from.
 * Parsing follows APScheduler's {@code BaseField.compile_expressions}, with its validation rules;
 * every error names the field and the value at fault.
 */
public final class CronField {

    private static final Pattern ALL = Pattern.compile("\\*(?:/(\\d+))?");
    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\d+))?");
    private static final Pattern NAME_RANGE = Pattern.compile("([a-z]+)(?:-([a-z]+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY_POSITION = Pattern.compile("(1st|2nd|3rd|4th|5th|last) +(\\w+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST_DAY = Pattern.compile("last", Pattern.CASE_INSENSITIVE);

    static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th", "last");

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
        List<FieldExpression> parsed = new ArrayList<>();
        for (String part : trimmed.split(",", -1)) {
            parsed.add(parseExpression(type, part.trim()));
        }
        return new CronField(type, trimmed, isDefault, parsed.toArray(FieldExpression[]::new));
    }

    private static FieldExpression parseExpression(CronFieldType type, String expr) {
        Matcher m = ALL.matcher(expr);
        if (m.matches()) {
            int step = parseStep(type, expr, m.group(1));
            checkStep(type, expr, step, type.max() - type.min());
            return new AllExpression(step);
        }
        m = RANGE.matcher(expr);
        if (m.matches()) {
            int first = parseNumber(type, expr, m.group(1));
            int step = parseStep(type, expr, m.group(3));
            int last = m.group(2) != null ? parseNumber(type, expr, m.group(2)) : step == 0 ? first : -1;
            return range(type, expr, first, last, step);
        }
        if (type == CronFieldType.DAY) {
            m = WEEKDAY_POSITION.matcher(expr);
            if (m.matches()) {
                int position = POSITIONS.indexOf(m.group(1).toLowerCase(Locale.ROOT));
                return new WeekdayPositionExpression(position, nameIndex(type, expr, WEEKDAYS, m.group(2), "weekday"),
                        expr);
            }
            if (LAST_DAY.matcher(expr).matches()) {
                return new LastDayOfMonthExpression();
            }
        }
        if (type == CronFieldType.MONTH || type == CronFieldType.DAY_OF_WEEK) {
            m = NAME_RANGE.matcher(expr);
            if (m.matches()) {
                boolean month = type == CronFieldType.MONTH;
                List<String> names = month ? MONTHS : WEEKDAYS;
                String kind = month ? "month" : "weekday";
                int offset = month ? 1 : 0;
                int first = nameIndex(type, expr, names, m.group(1), kind) + offset;
                int last = m.group(2) == null ? first : nameIndex(type, expr, names, m.group(2), kind) + offset;
                return range(type, expr, first, last, 0);
            }
        }
        throw error(type, "unrecognized expression '" + expr + "'");
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

    private static int parseNumber(CronFieldType type, String expr, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw outside(type, digits);
        }
    }

    /** The step after '/', or 0 when there is none. */
    private static int parseStep(CronFieldType type, String expr, String digits) {
        if (digits == null) {
            return 0;
        }
        int step = parseNumber(type, expr, digits);
        if (step == 0) {
            throw error(type, "step must be at least 1 in '" + expr + "'");
        }
        return step;
    }

    private static int nameIndex(CronFieldType type, String expr, List<String> names, String name, String kind) {
        int index = names.indexOf(name.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw error(type, "'" + name + "' in '" + expr + "' is not a " + kind + " name (" + names.get(0) + "-"
                    + names.get(names.size() - 1) + ")");
        }
        return index;
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

    /** The comma-separated expressions, in the order given. */
    FieldExpression[] expressions() {
        return expressions.clone();
    }

    @Override
    public String toString() {
        return text;
    }
}
