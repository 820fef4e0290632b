package io.github.apscheduler4j.trigger.cron;

/** {@code last}: the last day of the month. */
record LastDayOfMonthExpression() implements FieldExpression {

    @Override
    public boolean dependsOnMonth() {
        return true;
    }

    @Override
    public int nextDay(int year, int month, int day) {
        return CivilTime.monthLength(year, month);
    }

    @Override
    public String toString() {
        return "last";
    }
}
