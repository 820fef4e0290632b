package io.github.apscheduler4j.trigger.cron;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** {@code 1st mon} ... {@code 5th mon}, {@code last mon}: the n-th (or last) weekday of the month. */
record WeekdayPositionExpression(int position, int weekday, String text) implements FieldExpression {

    /** Marks {@code last} in {@link #position}. */
    static final int LAST = 5;

    @Override
    public int nextValue(LocalDateTime date, CronFieldType field) {
        LocalDate firstOfMonth = date.toLocalDate().withDayOfMonth(1);
        int firstWeekday = firstOfMonth.getDayOfWeek().getValue() - 1;
        int lastDay = firstOfMonth.lengthOfMonth();
        int firstHit = weekday - firstWeekday + 1;
        if (firstHit <= 0) {
            firstHit += 7;
        }
        int target = position < LAST ? firstHit + position * 7 : firstHit + ((lastDay - firstHit) / 7) * 7;
        return target <= lastDay && target >= date.getDayOfMonth() ? target : -1;
    }

    @Override
    public String toString() {
        return text;
    }
}
