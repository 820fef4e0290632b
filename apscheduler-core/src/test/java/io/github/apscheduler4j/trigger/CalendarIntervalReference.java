package io.github.apscheduler4j.trigger;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The brute-force calendar-interval reference: APScheduler 3's date steps (years and months keeping the day of month,
 * a month where that day does not exist skipped, then days and weeks), each date's wall-clock time mapped through a
 * {@link ZoneTimeline}: where no instant reads it (a gap) the date is skipped and the steps go on from the date the
 * offset before the transition gives; where two do, the earlier fires.
 */
final class CalendarIntervalReference {

    private final int years;
    private final int months;
    private final int weeks;
    private final int days;
    private final LocalTime timeOfDay;
    private final LocalDate startDate;
    private final ZoneTimeline timeline;

    CalendarIntervalReference(int years, int months, int weeks, int days, LocalTime timeOfDay, LocalDate startDate,
            ZoneId zone) {
        this.years = years;
        this.months = months;
        this.weeks = weeks;
        this.days = days;
        this.timeOfDay = timeOfDay;
        this.startDate = startDate;
        this.timeline = ZoneTimeline.of(zone);
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

    private LocalDate step(LocalDate from) {
        int year = from.getYear();
        int month = from.getMonthValue();
        while (true) {
            month += months;
            year += years + Math.floorDiv(month - 1, 12);
            month = Math.floorMod(month - 1, 12) + 1;
            if (from.getDayOfMonth() <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                return LocalDate.of(year, month, from.getDayOfMonth()).plusDays(days + 7L * weeks);
            }
        }
    }
}
