package io.github.apscheduler4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.Reports;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.JobHandle;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the README's "engine without Spring" example as written. */
class ReadmeExampleTests {

    @Test
    void theReadmeExampleRuns() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .timezone(ZoneId.of("Europe/Berlin"))
                .jobDefaults(new JobDefaults(false, 3, Duration.ofSeconds(30)))   // coalesce, max_instances, misfire_grace_time
                .executor("default", new ThreadPoolJobExecutor(20))
                .build());
        scheduler.start();

        // a static method by reference, as APScheduler's "module:function"
        scheduler.addJob("com.acme.Reports::nightly", "cron", Map.of("day", 1, "minute", 20));
        // in-process code (memory store only), every 10 seconds
        JobHandle tick = scheduler.addJob(() -> out.println("tick"), "interval", Map.of("seconds", 10));
        // everything add_job takes
        scheduler.addJob(JobSpec.builder("com.acme.Reports::send")
                .trigger("crontab", Map.of("expr", "0 9 * * 1-5"))
                .args("weekly").kwargs(Map.of("recipients", List.of("ops@acme.com")))
                .id("send-weekly").maxInstances(2).misfireGraceTime(Duration.ofMinutes(5)).replaceExisting(true)
                .build());

        tick.pause();                          // job.pause(), job.resume(), job.remove(), ...
        scheduler.runJob("send-weekly", null); // run once now, outside the schedule
        scheduler.printJobs(null, out);

        await().atMost(10, TimeUnit.SECONDS).until(() -> Reports.SENT.contains("weekly to [ops@acme.com]"));
        scheduler.shutdown();                  // waits for running jobs; shutdown(false) does not

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Jobstore default:")
                .contains("com.acme.Reports::nightly (trigger: cron[day='1', minute='20'], next run at: ")
                .contains("(trigger: interval[0:00:10], paused)");
        assertThat(scheduler.getJobs()).extracting(Job::maxInstances).contains(2, 3);
    }
}
