package io.github.apscheduler4j.trigger;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The brute-force calendar-interval reference: APScheduler 3's date steps (years and months keeping the day of month,
 * a month where that day does not exist skipped, then days and weeks), each date's wall-clock time mapped through a
 * {@link ZoneTimeline}: where no instant reads it (a gap) the date is skipped and the steps go on from the date the
 * offset before the transition gives; where two do, the earlier fires.
 */
record CalendarIntervalReference(int years, int months, int weeks, int days, LocalTime timeOfDay, LocalDate startDate,
        ZoneTimeline timeline) {

    CalendarIntervalReference(int years, int months, int weeks, int days, LocalTime timeOfDay, LocalDate startDate,
            ZoneId zone) {
        this(years, months, weeks, days, timeOfDay, startDate, ZoneTimeline.of(zone));
    }

    /** The first {@code count} fires (epoch seconds), fewer when one would fall after {@code lastDate}. */
    List<Long> fires(int count, LocalDate lastDate) {
        List<Long> fires = new ArrayList<>();
        LocalDate date = startDate;
        while (fires.size() < count && !date.isAfter(lastDate)) {
            long wall = date.toEpochDay() * ZoneTimeline.DAY + timeOfDay.toSecondOfDay();
            long earliest = timeline.instantsOf(wall)[0];
            long read = timeline.wallAt(earliest);
            if (read == wall) {
                fires.add(earliest);
                date = step(date);
            } else {
                date = step(LocalDate.ofEpochDay(Math.floorDiv(read, ZoneTimeline.DAY)));
            }
        }
        return fires;
    }

    /** Steps by whole months, as YearMonth counts them, until the day of month exists; then by days and weeks. */
    private LocalDate step(LocalDate from) {
        YearMonth month = YearMonth.from(from);
        do {
            month = month.plusYears(years).plusMonths(months);
        } while (!month.isValidDay(from.getDayOfMonth()));
        return month.atDay(from.getDayOfMonth()).plusDays(days + 7L * weeks);
    }
}
