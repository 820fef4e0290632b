package io.github.apscheduler4j.trigger.cron;

/** {@code 1st mon} ... {@code 5th mon}, {@code last mon}: the n-th (or last) weekday of the month. */
record WeekdayPositionExpression(int position, int weekday, String text) implements FieldExpression {

    /** Marks {@code last} in {@link #position}. */
    static final int LAST = 5;

    @Override
    public boolean dependsOnMonth() {
        return true;
    }

    @Override
    public int nextDay(int year, int month, int day) {
        int firstWeekday = CivilTime.weekday(year, month, 1);
        int lastDay = CivilTime.monthLength(year, month);
        int firstHit = weekday - firstWeekday + 1;
        if (firstHit <= 0) {
            firstHit += 7;
        }
        int target = position < LAST ? firstHit + position * 7 : firstHit + ((lastDay - firstHit) / 7) * 7;
        return target <= lastDay && target >= day ? target : -1;
    }

    @Override
    public String toString() {
        return text;
    }
}
