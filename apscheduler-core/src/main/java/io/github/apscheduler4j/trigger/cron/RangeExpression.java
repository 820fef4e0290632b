package io.github.apscheduler4j.trigger.cron;

/**
 * {@code a}, {@code a-b}, {@code a/c} or {@code a-b/c} (also with month and weekday names).
 * {@code last} is -1 when open-ended ({@code a/c} runs to the field's maximum).
 */
record RangeExpression(int first, int last, int step, String text) implements FieldExpression {

    @Override
    public void addValues(CronFieldType field, long[] words, int base) {
        int max = last < 0 ? field.max() : Math.min(field.max(), last);
        FieldExpression.addSteps(words, base, Math.max(field.min(), first), max, Math.max(step, 1));
    }

    @Override
    public String toString() {
        return text;
    }
}
