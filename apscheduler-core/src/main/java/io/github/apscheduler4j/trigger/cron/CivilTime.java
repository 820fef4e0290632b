package io.github.apscheduler4j.trigger.cron;

/**
 * Calendar arithmetic on plain numbers (ISO proleptic calendar, as {@link java.time.LocalDate}'s), so that the cron
 * search allocates no date objects. The algorithms are {@code LocalDate.toEpochDay} and {@code LocalDate.ofEpochDay}.
 */
final class CivilTime {

    private static final long DAYS_PER_CYCLE = 146_097L;
    private static final long DAYS_0000_TO_1970 = DAYS_PER_CYCLE * 5L - (30L * 365L + 7L);
    static final long SECONDS_PER_DAY = 86_400L;

    private CivilTime() {
    }

    static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    static long epochDay(int year, int month, int day) {
        long y = year;
        long m = month;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += day - 1;
        if (m > 2) {
            total--;
            if (!isLeap(year)) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }

    /** Monday = 0 ... Sunday = 6, as APScheduler numbers weekdays. */
    static int weekday(int year, int month, int day) {
        return (int) Math.floorMod(epochDay(year, month, day) + 3, 7L);
    }

    /**
     * The date of {@code epochDay} packed in one number as {@link #packedDate(long, int, int)} packs it: the inverse of
     * {@link #epochDay}, {@code LocalDate.ofEpochDay}'s algorithm without the object.
     */
    static long packedDate(long epochDay) {
        long zeroDay = epochDay + DAYS_0000_TO_1970 - 60;
        long adjust = 0;
        if (zeroDay < 0) {
            long adjustCycles = (zeroDay + 1) / DAYS_PER_CYCLE - 1;
            adjust = adjustCycles * 400;
            zeroDay += -adjustCycles * DAYS_PER_CYCLE;
        }
        long yearEst = (400 * zeroDay + 591) / DAYS_PER_CYCLE;
        long doyEst = zeroDay - (365 * yearEst + yearEst / 4 - yearEst / 100 + yearEst / 400);
        if (doyEst < 0) {
            yearEst--;
            doyEst = zeroDay - (365 * yearEst + yearEst / 4 - yearEst / 100 + yearEst / 400);
        }
        yearEst += adjust;
        int marchDoy0 = (int) doyEst;
        int marchMonth0 = (marchDoy0 * 5 + 2) / 153;
        int month = (marchMonth0 + 2) % 12 + 1;
        int day = marchDoy0 - (marchMonth0 * 306 + 5) / 10 + 1;
        return packedDate(yearEst + marchMonth0 / 10, month, day);
    }

    /** A date as one number that orders dates as they follow each other: year, month (4 bits), day (5 bits). */
    static long packedDate(long year, int month, int day) {
        return year << 9 | month << 5 | day;
    }

    static long packedYear(long date) {
        return date >> 9;
    }

    static int packedMonth(long date) {
        return (int) (date >> 5) & 15;
    }

    static int packedDay(long date) {
        return (int) date & 31;
    }
}
