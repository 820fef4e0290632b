package io.github.apscheduler4j.benchmarks.cron;

import io.github.apscheduler4j.trigger.CronTrigger;
import org.openjdk.jmh.annotations.Benchmark;
import org.springframework.scheduling.support.CronExpression;

/**
 * Making a cron schedule from its text, for each {@link CronCase}: this project's whole {@link CronTrigger} as the
 * scheduler builds it from a job's arguments ({@link CronCase#aps()}: keyword arguments with the zone's name, or a
 * crontab string), Spring's {@link CronExpression#parse} and Quartz's {@code CronExpression} with its time zone set.
 * Nothing is cached between calls: each builds from the text.
 */
public class CronParseBenchmark extends CronBenchmarkSettings {

    @Benchmark
    public CronTrigger apscheduler4j() {
        return cron.aps();
    }

    @Benchmark
    public org.quartz.CronExpression quartz() {
        return cron.quartz();
    }

    @Benchmark
    public CronExpression spring() {
        return cron.spring();
    }
}
