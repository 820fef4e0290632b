package io.github.apscheduler4j.sample;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Adds a job in code through the {@link Scheduler} bean: a calendar-interval trigger, on the 1st of every month at
 * 09:00 from next month on (a calendar-interval trigger's first run is its start date, even a past one).
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
    }
}
