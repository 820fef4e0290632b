package io.github.apscheduler4j.trigger.cron;

/**
 * The eight fields of APScheduler's cron trigger, most significant first, with their value ranges.
 * {@code week} and {@code day_of_week} are not "real": they are not set directly, the search moves
 * day by day until they match.
 */
public enum CronFieldType {
    YEAR("year", 1970, 9999, true),
    MONTH("month", 1, 12, true),
    DAY("day", 1, 31, true),
    WEEK("week", 1, 53, false),
    DAY_OF_WEEK("day_of_week", 0, 6, false),
    HOUR("hour", 0, 23, true),
    MINUTE("minute", 0, 59, true),
    SECOND("second", 0, 59, true);

    private static final CronFieldType[] VALUES = values();

    private final String fieldName;
    private final int min;
    private final int max;
    private final boolean real;

    CronFieldType(String fieldName, int min, int max, boolean real) {
        this.fieldName = fieldName;
        this.min = min;
        this.max = max;
        this.real = real;
    }

    /** APScheduler's keyword name: {@code day_of_week}, {@code hour}, ... */
    public String fieldName() {
        return fieldName;
    }

    public int min() {
        return min;
    }

    /** The largest value the field can ever take (31 for days). */
    public int max() {
        return max;
    }

    boolean real() {
        return real;
    }

    static CronFieldType at(int index) {
        return VALUES[index];
    }

    /** Finds a field by its keyword name, or {@code null}. */
    public static CronFieldType byName(String name) {
        for (CronFieldType type : VALUES) {
            if (type.fieldName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
