package io.github.apscheduler4j.trigger.cron;

import java.time.LocalDateTime;

/**
 * One comma-separated part of a cron field ({@code *}/{@code 5}, {@code 9-17}, {@code 2nd fri},
 * {@code last}): APScheduler's expression classes. Immutable.
 */
sealed interface FieldExpression permits AllExpression, RangeExpression, WeekdayPositionExpression,
        LastDayOfMonthExpression {

    /** The smallest value at or after the field's value at {@code date} that this expression accepts, or -1. */
    int nextValue(LocalDateTime date, CronFieldType field);
}
