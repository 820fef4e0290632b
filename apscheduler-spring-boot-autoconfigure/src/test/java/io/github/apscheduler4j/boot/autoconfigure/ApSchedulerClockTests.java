package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.test.SteppedScheduler;
import io.github.apscheduler4j.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A {@code Clock} bean is the scheduler's time; a test advances it and runs what is due, without sleeping. */
class ApSchedulerClockTests {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class));

    @Test
    void aClockBeanIsTheSchedulersTime() {
        MutableClock clock = MutableClock.at(START, ZoneId.of("UTC"));
        contextRunner.withBean(MutableClock.class, () -> clock).run(context -> {
            AbstractScheduler scheduler = (AbstractScheduler) context.getBean(Scheduler.class);
            assertThat(scheduler.config().clock()).isSameAs(clock);
            scheduler.addJob(JobSpec.builder(() -> { }).id("hourly").trigger("interval", Map.of("hours", 1)).build());
            assertThat(scheduler.getJob("hourly").nextRunTime().toInstant()).isEqualTo(START.plus(Duration.ofHours(1)));
        });
    }

    @Test
    void aTestAdvancesTheClockAndRunsTheDueJobsOnItsOwnThread() {
        MutableClock clock = MutableClock.at(START, ZoneId.of("UTC"));
        List<String> ranOn = new CopyOnWriteArrayList<>();
        contextRunner.withBean(MutableClock.class, () -> clock)
                .withPropertyValues("apscheduler.scheduler=" + SteppedScheduler.class.getName(),
                        "apscheduler.executors.default.type=debug").run(context -> {
                            SteppedScheduler scheduler = context.getBean(SteppedScheduler.class);
                            scheduler.addJob(JobSpec.builder(() -> ranOn.add(Thread.currentThread().getName()))
                                    .id("every-ten-minutes").trigger("interval", Map.of("minutes", 10)).build());

                            clock.advance(Duration.ofMinutes(9));
                            scheduler.runDue();
                            assertThat(ranOn).isEmpty();

                            clock.advance(Duration.ofMinutes(1));
                            scheduler.runDue();
                            assertThat(ranOn).containsExactly(Thread.currentThread().getName());
                            assertThat(scheduler.getJob("every-ten-minutes").nextRunTime().toInstant())
                                    .isEqualTo(START.plus(Duration.ofMinutes(20)));
                        });
    }
}
