package io.github.apscheduler4j.benchmarks.cron;

import io.github.apscheduler4j.trigger.CronTrigger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.scheduling.support.CronExpression;

/**
 * Making a cron schedule from its text, for each {@link CronCase}: this project's whole {@link CronTrigger} as the
 * scheduler builds it from a job's arguments ({@link CronCase#aps()}: keyword arguments with the zone's name, or a
 * crontab string), Spring's {@link CronExpression#parse} and Quartz's {@code CronExpression} with its time zone set.
 * Nothing is cached between calls: each builds from the text.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CronParseBenchmark {

    @Param
    public CronCase cron;

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
