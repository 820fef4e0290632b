package io.github.apscheduler4j.trigger.cron;

import java.util.BitSet;

/** {@code *} or {@code *}/{@code step}: every value, or every step-th counted from the field's minimum. */
record AllExpression(int step) implements FieldExpression {

    @Override
    public boolean everyValue() {
        return step <= 1;
    }

    @Override
    public void addValues(CronFieldType field, BitSet values) {
        for (int value = field.min(); value <= field.max(); value += Math.max(step, 1)) {
            values.set(value);
        }
    }

    @Override
    public String toString() {
        return step == 0 ? "*" : "*/" + step;
    }
}
