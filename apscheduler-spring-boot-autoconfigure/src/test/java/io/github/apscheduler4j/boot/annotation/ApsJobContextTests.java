package io.github.apscheduler4j.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bean's @ApsJob method that takes a JobContext gets the identity of the fire it runs, next to its arguments. */
class ApsJobContextTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class))
            .withPropertyValues("apscheduler.timezone=UTC", "apscheduler.instance-id=web-1")
            .withBean("reports", Reports.class);

    @Test
    void aScheduledFireHandsTheMethodItsContext() {
        contextRunner.run(context -> {
            assertThat(context).hasNotFailed();
            Reports reports = context.getBean(Reports.class);

            // no trigger: one fire, when the scheduler starts
            await().atMost(Duration.ofSeconds(10)).until(() -> reports.seen.size() == 1);

            assertThat(reports.seen).singleElement().satisfies(seen -> {
                assertThat(seen.region()).isEqualTo("emea");
                assertThat(seen.current()).isTrue();
                JobContext fire = seen.context();
                assertThat(fire.jobId()).isEqualTo("once");
                assertThat(fire.jobstore()).isEqualTo("default");
                assertThat(fire.scheduledFireTime()).isNotNull();
                assertThat(fire.attempt()).isEqualTo(1);
                assertThat(fire.instanceId()).isEqualTo("web-1");
                assertThat(fire.fireId())
                        .isEqualTo("once@" + DateTimeFormatter.ISO_INSTANT.format(fire.scheduledFireTime()));
            });
        });
    }

    @Test
    void aRunNowBindsArgsAndKwargsAroundTheContext() {
        contextRunner.run(context -> {
            assertThat(context).hasNotFailed();
            Reports reports = context.getBean(Reports.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> reports.seen.size() == 1);

            assertThat(context.getBean(Scheduler.class).runJob("hourly", null)).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> reports.seen.size() == 2);
            assertThat(reports.seen.get(1)).satisfies(seen -> {
                assertThat(seen.region()).isEqualTo("apac x2");
                assertThat(seen.current()).isTrue();
                assertThat(seen.context().jobId()).isEqualTo("hourly");
                assertThat(seen.context().scheduledFireTime()).isNull();
                assertThat(seen.context().fireId())
                        .isEqualTo("hourly@" + DateTimeFormatter.ISO_INSTANT.format(seen.context().started()));
            });
        });
    }

    /** What one run was given, and whether {@link JobContext#current()} agreed. */
    record Seen(String region, JobContext context, boolean current) {
    }

    static class Reports {

        final List<Seen> seen = new CopyOnWriteArrayList<>();

        @ApsJob(id = "once", args = "emea")
        void once(JobContext context, String region) {
            seen.add(new Seen(region, context, JobContext.current() == context));
        }

        @ApsJob(id = "hourly", hours = "1", args = "apac", kwargs = "copies=2")
        void hourly(String region, JobContext context, int copies) {
            seen.add(new Seen(region + " x" + copies, context, JobContext.current() == context));
        }
    }
}
