package io.github.apscheduler4j.boot.actuate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerHealthAutoConfiguration;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

class ApSchedulerHealthIndicatorTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApSchedulerHealthAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class));

    @Test
    void upWhileRunningWithDetailsPerStore() {
        contextRunner.run(context -> {
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("apscheduler"))
                    .isInstanceOf(ApSchedulerHealthIndicator.class);
            Health health = context.getBean(ApSchedulerHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("state", "RUNNING");
            assertThat(stores(health)).containsOnlyKeys("default");
            assertThat(stores(health).get("default")).containsEntry("status", "UP");
        });
    }

    @Test
    void downWhileNotRunning() {
        contextRunner.withPropertyValues("apscheduler.auto-start=false").run(context -> {
            Health health = context.getBean(ApSchedulerHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", "STOPPED");
        });
    }

    @Test
    void downWhenAStoreCannotBeReached() {
        contextRunner.withUserConfiguration(UnreachableStoreConfiguration.class).run(context -> {
            Health health = context.getBean(ApSchedulerHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(stores(health).get("default")).containsEntry("status", "UP");
            assertThat(stores(health).get("remote")).containsEntry("status", "DOWN")
                    .containsEntry("error", "java.lang.IllegalStateException: connection refused");
        });
    }

    @Test
    void downWithTheReasonWhenThePassesOfTheLoopFail() {
        contextRunner.withUserConfiguration(BrokenStoreConfiguration.class).run(context -> {
            ApSchedulerHealthIndicator indicator = context.getBean(ApSchedulerHealthIndicator.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.DOWN));
            Health health = indicator.health();
            assertThat(health.getDetails()).containsEntry("state", "RUNNING");
            assertThat(health.getDetails().get("lastPassFailure")).asString()
                    .contains("java.lang.LinkageError: a class of the store is gone");
        });
    }

    @Test
    void upWithTheJobsThisInstanceCannotRunInItsDetails() {
        contextRunner.run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addExecutor("reports", new DirectJobExecutor());
            // added paused, so that it cannot run before its executor goes
            scheduler.addJob(JobSpec.builder(() -> { }).id("on-reports").executor("reports").paused()
                    .build());
            scheduler.removeExecutor("reports", true);
            scheduler.resumeJob("on-reports", null);
            ApSchedulerHealthIndicator indicator = context.getBean(ApSchedulerHealthIndicator.class);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> indicator.health().getDetails().containsKey("notRunnableHere"));
            Health health = indicator.health();
            assertThat(health.getStatus()).as("this instance's own trouble").isEqualTo(Status.UP);
            assertThat(health.getDetails().get("notRunnableHere")).asString()
                    .contains("count=1").contains("on-reports=its executor 'reports' is not configured here");
        });
    }

    @Test
    void canBeTurnedOff() {
        contextRunner.withPropertyValues("management.health.apscheduler.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ApSchedulerHealthIndicator.class));
    }

    @Test
    void absentWithoutBootsHealthSupport() {
        contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ApSchedulerHealthIndicator.class));
    }

    @Test
    void absentWhenTheSchedulerIsOff() {
        contextRunner.withPropertyValues("apscheduler.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ApSchedulerHealthIndicator.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> stores(Health health) {
        return (Map<String, Map<String, Object>>) health.getDetails().get("jobstores");
    }

    static class UnreachableStoreConfiguration {

        @Bean
        JobStore remote() {
            return new UnreachableJobStore();
        }
    }

    static class BrokenStoreConfiguration {

        @Bean
        JobStore broken() {
            return new UnreachableJobStore() {
                @Override
                public List<Job> dueJobs(Instant now) {
                    throw new LinkageError("a class of the store is gone");
                }

                @Override
                public Instant nextRunTime() {
                    return null;
                }
            };
        }
    }

    /** A store whose server is gone: every question fails. */
    static class UnreachableJobStore implements JobStore {

        private static IllegalStateException refused() {
            return new IllegalStateException("connection refused");
        }

        @Override
        public Job lookupJob(String id) {
            throw refused();
        }

        @Override
        public List<Job> dueJobs(Instant now) {
            throw refused();
        }

        @Override
        public Instant nextRunTime() {
            throw refused();
        }

        @Override
        public List<Job> allJobs() {
            throw refused();
        }

        @Override
        public void addJob(Job job) {
            throw refused();
        }

        @Override
        public void updateJob(Job job) {
            throw refused();
        }

        @Override
        public void removeJob(String id) {
            throw refused();
        }

        @Override
        public void removeAllJobs() {
            throw refused();
        }

        @Override
        public boolean claimJob(Job due, ZonedDateTime nextRunTime) {
            throw refused();
        }
    }
}
