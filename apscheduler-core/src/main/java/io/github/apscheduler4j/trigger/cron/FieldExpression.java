package io.github.apscheduler4j.trigger.cron;

/**
 * One comma-separated part of a cron field ({@code *}/{@code 5}, {@code 9-17}, {@code 2nd fri},
 * {@code last}): APScheduler's expression classes. Immutable.
 *
 * <p>Most expressions accept the same values whatever the date, and {@link CronSchedule} folds them into one set per
 * field; the day expressions {@code last} and {@code 2nd fri} depend on the month and are asked each time.
 */
sealed interface FieldExpression permits AllExpression, RangeExpression, WeekdayPositionExpression,
        LastDayOfMonthExpression {

    /** Whether this expression accepts every value of its field ({@code *}, {@code *}/{@code 1}). */
    default boolean everyValue() {
        return false;
    }

    /** Whether the values accepted depend on the month; if so, {@link #nextDay} gives them, else {@link #addValues}. */
    default boolean dependsOnMonth() {
        return false;
    }

    /**
     * Sets in {@code words}, a bit set whose bit 0 stands for the value {@code base}, each value of {@code field}, up
     * to its largest ever, that this expression accepts.
     */
    default void addValues(CronFieldType field, long[] words, int base) {
        throw new UnsupportedOperationException(this + " depends on the month");
    }

    /** Sets the bits of {@code first}, {@code first + step}, ... up to {@code last} in {@code words} (bit 0: {@code base}). */
    static void addSteps(long[] words, int base, int first, int last, int step) {
        if (step == 1) {
            // a run of bits, a word at a time: "*" sets 60 of them for seconds and minutes
            for (int bit = first - base, end = last - base; bit <= end; bit = (bit | 63) + 1) {
                int wordEnd = Math.min(end, bit | 63);
                words[bit >> 6] |= (-1L << bit) & (-1L >>> (63 - (wordEnd & 63)));
            }
            return;
        }
        for (int value = first; value <= last; value += step) {
            int bit = value - base;
            words[bit >> 6] |= 1L << bit;
        }
    }

    /** The smallest day at or after {@code day} of the month that this expression accepts, or -1. */
    default int nextDay(int year, int month, int day) {
        throw new UnsupportedOperationException(this + " does not depend on the month");
    }
}
