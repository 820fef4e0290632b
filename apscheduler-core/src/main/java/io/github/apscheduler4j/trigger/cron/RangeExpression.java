package io.github.apscheduler4j.trigger.cron;

import java.time.LocalDateTime;

/**
 * {@code a}, {@code a-b}, {@code a/c} or {@code a-b/c} (also with month and weekday names).
 * {@code last} is -1 when open-ended ({@code a/c} runs to the field's maximum).
 */
record RangeExpression(int first, int last, int step, String text) implements FieldExpression {

    @Override
    public int nextValue(LocalDateTime date, CronFieldType field) {
        int min = Math.max(field.min(), first);
        int max = last < 0 ? field.max(date) : Math.min(field.max(date), last);
        int next = Math.max(min, field.value(date));
        if (step > 0) {
            next += Math.floorMod(step - (next - min), step);
        }
        return next <= max ? next : -1;
    }

    @Override
    public String toString() {
        return text;
    }
}
