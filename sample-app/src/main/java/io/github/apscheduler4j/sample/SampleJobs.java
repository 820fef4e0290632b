package io.github.apscheduler4j.sample;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.annotation.ApsJobHolder;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One job of each trigger kind, declared on bean methods: each logs when it runs. Marked a job holder, so that jobs
 * added in code ({@link ProgrammaticJobs}) may name its public methods as {@code bean:sampleJobs.invoices}.
 */
@Component
@ApsJobHolder
public class SampleJobs {

    private static final Logger log = LoggerFactory.getLogger(SampleJobs.class);

    private final AtomicInteger heartbeats = new AtomicInteger();

    /** Interval trigger: every 10 seconds (or sample.heartbeat-seconds). */
    @ApsJob(id = "heartbeat", name = "Heartbeat", seconds = "${sample.heartbeat-seconds:10}")
    public void heartbeat() {
        log.info("Heartbeat #{}", heartbeats.incrementAndGet());
    }

    /** Cron trigger from its fields: at seconds 0, 20 and 40 of every minute. */
    @ApsJob(id = "report", name = "Report", trigger = "cron", second = "*/20")
    public void report() {
        log.info("Report: {} heartbeats so far", heartbeats.get());
    }

    /** Cron trigger from a crontab string: every minute, Monday to Friday (Sunday is 0, as in crontab). */
    @ApsJob(id = "cleanup", name = "Cleanup", cron = "* * * * 1-5")
    public void cleanup() {
        log.info("Cleanup on a weekday");
    }

    /** Cron trigger from a crontab string: every minute on weekends. */
    @ApsJob(id = "weekend-cleanup", name = "Weekend cleanup", cron = "* * * * 0,6")
    public void weekendCleanup() {
        log.info("Cleanup on a weekend day");
    }

    /** Date trigger: once, a minute after start-up (a SpEL expression computes the date). */
    @ApsJob(id = "reminder", name = "Reminder",
            runDate = "#{T(java.time.OffsetDateTime).now().plusMinutes(1).withNano(0).toString()}")
    public void reminder() {
        log.info("Reminder: the application has been up for a minute");
    }

    /** No trigger: runs once, when the scheduler starts. */
    @ApsJob(id = "warm-up", name = "Warm-up")
    public void warmUp() {
        log.info("Warm-up at start-up");
    }

    /** Receives its job's positional and keyword arguments; shown by GET /actuator/apsjobs/greeting. */
    @ApsJob(id = "greeting", name = "Greeting", minutes = "1", args = "world", kwargs = "punctuation=!")
    public void greet(String who, String punctuation) {
        log.info("Hello, {}{}", who, punctuation);
    }

    /** Run by the job added in code ({@link ProgrammaticJobs}): the 1st of every month at 09:00. */
    public void invoices(String period) {
        log.info("Invoices for the {} period", period);
    }

    /** Run by the daily digest added once in code ({@link ProgrammaticJobs}): every day at 06:30. */
    public void digest() {
        log.info("Daily digest");
    }
}
