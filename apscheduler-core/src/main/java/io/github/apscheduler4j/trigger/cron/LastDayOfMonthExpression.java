package io.github.apscheduler4j.trigger.cron;

import java.time.LocalDateTime;

/** {@code last}: the last day of the month. */
record LastDayOfMonthExpression() implements FieldExpression {

    @Override
    public int nextValue(LocalDateTime date, CronFieldType field) {
        return date.toLocalDate().lengthOfMonth();
    }

    @Override
    public String toString() {
        return "last";
    }
}
