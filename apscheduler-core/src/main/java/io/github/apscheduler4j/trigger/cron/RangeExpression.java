package io.github.apscheduler4j.trigger.cron;

import java.util.BitSet;

/**
 * {@code a}, {@code a-b}, {@code a/c} or {@code a-b/c} (also with month and weekday names).
 * {@code last} is -1 when open-ended ({@code a/c} runs to the field's maximum).
 */
record RangeExpression(int first, int last, int step, String text) implements FieldExpression {

    @Override
    public void addValues(CronFieldType field, BitSet values) {
        int max = last < 0 ? field.max() : Math.min(field.max(), last);
        for (int value = Math.max(field.min(), first); value <= max; value += Math.max(step, 1)) {
            values.set(value);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
