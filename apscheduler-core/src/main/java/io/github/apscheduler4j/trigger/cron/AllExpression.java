package io.github.apscheduler4j.trigger.cron;

import java.time.LocalDateTime;

/** {@code *} or {@code *}/{@code step}: every value, or every step-th counted from the field's minimum. */
record AllExpression(int step) implements FieldExpression {

    @Override
    public int nextValue(LocalDateTime date, CronFieldType field) {
        int min = field.min();
        int start = Math.max(field.value(date), min);
        int next = step == 0 ? start : start + Math.floorMod(step - (start - min), step);
        return next <= field.max(date) ? next : -1;
    }

    @Override
    public String toString() {
        return step == 0 ? "*" : "*/" + step;
    }
}
