package io.github.apscheduler4j.sample;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Adds jobs in code through the {@link Scheduler} bean: a calendar-interval trigger, on the 1st of every month at
 * 09:00 from next month on (a calendar-interval trigger's first run is its start date, even a past one); and a job on
 * the process pool, now and every minute; and a daily digest, only if the store does not hold it yet.
 */
@Component
public class ProgrammaticJobs implements ApplicationRunner {

    private final Scheduler scheduler;

    public ProgrammaticJobs(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        LocalDate firstOfNextMonth = LocalDate.now(scheduler.timezone()).withDayOfMonth(1).plusMonths(1);
        scheduler.addJob(JobSpec.builder("bean:sampleJobs.invoices")
                .id("invoices")
                .name("Monthly invoices")
                .trigger("calendarinterval", Map.of("months", 1, "hour", 9, "start_date", firstOfNextMonth.toString()))
                .args("monthly")
                .replaceExisting(true)
                .build());
        scheduler.addJob(JobSpec.builder("io.github.apscheduler4j.sample.Reports::crunch")
                .id("crunch")
                .name("Number crunching in a worker JVM")
                .executor("processpool")
                .trigger("interval", Map.of("minutes", 1))
                .nextRunTime(ZonedDateTime.now(scheduler.timezone()))
                .args(1_000_000)
                .replaceExisting(true)
                .build());
        // added once: with a persistent store it is there, with its next run time, after a restart
        if (scheduler.getJob("digest") == null) {
            scheduler.addJob(JobSpec.builder("bean:sampleJobs.digest")
                    .id("digest")
                    .name("Daily digest")
                    .trigger("cron", Map.of("hour", 6, "minute", 30))
                    .build());
        }
    }
}
