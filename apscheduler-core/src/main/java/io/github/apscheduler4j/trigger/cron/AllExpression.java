package io.github.apscheduler4j.trigger.cron;

/** {@code *} or {@code *}/{@code step}: every value, or every step-th counted from the field's minimum. */
record AllExpression(int step) implements FieldExpression {

    @Override
    public boolean everyValue() {
        return step <= 1;
    }

    @Override
    public void addValues(CronFieldType field, long[] words, int base) {
        FieldExpression.addSteps(words, base, field.min(), field.max(), Math.max(step, 1));
    }

    @Override
    public String toString() {
        return step == 0 ? "*" : "*/" + step;
    }
}
