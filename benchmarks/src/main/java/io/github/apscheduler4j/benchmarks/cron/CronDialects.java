package io.github.apscheduler4j.benchmarks.cron;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Prints each {@link CronCase} in every library's dialect and checks that the libraries agree on the next fire time
 * from every start time the benchmark uses; where they differ (across a DST switch), it prints one start time for
 * each differing answer of this project's, with each library's answer. Run:
 * {@code java -cp ... io.github.apscheduler4j.benchmarks.cron.CronDialects}.
 */
public final class CronDialects {

    private CronDialects() {
    }

    public static void main(String[] args) {
        for (CronCase cron : CronCase.values()) {
            var aps = cron.aps();
            var quartz = cron.quartz();
            var spring = cron.spring();
            var cronUtils = cron.cronUtils();
            System.out.printf("%s%n  apscheduler4j  %s  (%s)%n  Quartz         %s%n  Spring         %s%n  cron-utils     %s%n",
                    cron.label(), aps, cron.apsText(), cron.quartzText(), cron.springText(), cron.cronUtilsText());
            int disagreements = 0;
            Set<LocalDate> shown = new HashSet<>();
            for (Instant start : cron.starts()) {
                ZonedDateTime zoned = start.atZone(cron.zone());
                Instant a = instant(aps.nextFireTime(zoned, zoned));
                Date q = quartz.getNextValidTimeAfter(Date.from(start));
                Instant b = q == null ? null : q.toInstant();
                Instant c = instant(spring.next(zoned));
                Instant d = cronUtils.nextExecution(zoned).map(ZonedDateTime::toInstant).orElse(null);
                if (!(Objects.equals(a, b) && Objects.equals(a, c) && Objects.equals(a, d))) {
                    disagreements++;
                    // one example for each answer (date) of this project's at which the libraries differ
                    if (a == null || shown.add(a.atZone(cron.zone()).toLocalDate())) {
                        System.out.printf("  differ after %s: apscheduler4j %s, Quartz %s, Spring %s, cron-utils %s%n", zoned,
                                zone(a, cron), zone(b, cron), zone(c, cron), zone(d, cron));
                    }
                }
            }
            System.out.printf("  %d of %d start times: all four agree%n%n", CronCase.STARTS - disagreements,
                    CronCase.STARTS);
        }
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String zone(Instant instant, CronCase cron) {
        return instant == null ? "none" : instant.atZone(cron.zone()).toOffsetDateTime().toString();
    }
}
