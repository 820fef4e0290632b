package io.github.apscheduler4j.benchmarks.cron;

import com.cronutils.model.time.ExecutionTime;
import io.github.apscheduler4j.trigger.CronTrigger;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.springframework.scheduling.support.CronExpression;

/**
 * The next fire time after a given time, for each {@link CronCase}, in this project's {@link CronTrigger} and in
 * Quartz's, Spring's and cron-utils' cron expressions. Each call takes the next of {@link CronCase#STARTS} start times
 * (the same instants for every library), so no single lucky start decides the figure. This project is called as
 * the scheduler calls it after a run ({@code nextFireTime(previous, now)} with both at the start time): strictly
 * after it, as the others' {@code next} are.
 */
public class CronNextFireBenchmark extends CronBenchmarkSettings {

    private CronTrigger aps;
    private org.quartz.CronExpression quartz;
    private CronExpression spring;
    private ExecutionTime cronUtils;

    private ZonedDateTime[] zoned;
    private Date[] dates;
    private int next;

    @Setup
    public void setUp() {
        aps = cron.aps();
        quartz = cron.quartz();
        spring = cron.spring();
        cronUtils = cron.cronUtils();
        Instant[] starts = cron.starts();
        zoned = new ZonedDateTime[starts.length];
        dates = new Date[starts.length];
        for (int i = 0; i < starts.length; i++) {
            zoned[i] = starts[i].atZone(cron.zone());
            dates[i] = Date.from(starts[i]);
        }
    }

    private int index() {
        return next++ & (CronCase.STARTS - 1);
    }

    @Benchmark
    public ZonedDateTime apscheduler4j() {
        ZonedDateTime start = zoned[index()];
        return aps.nextFireTime(start, start);
    }

    @Benchmark
    public Date quartz() {
        return quartz.getNextValidTimeAfter(dates[index()]);
    }

    @Benchmark
    public ZonedDateTime spring() {
        return spring.next(zoned[index()]);
    }

    @Benchmark
    public Optional<ZonedDateTime> cronUtils() {
        return cronUtils.nextExecution(zoned[index()]);
    }
}
