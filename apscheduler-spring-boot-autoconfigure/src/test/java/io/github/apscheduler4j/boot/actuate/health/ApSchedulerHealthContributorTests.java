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
import io.github.apscheduler4j.store.MemoryJobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

class ApSchedulerHealthContributorTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApSchedulerHealthAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class));

    @Test
    void upWhileRunningWithOneContributorPerStore() {
        contextRunner.run(context -> {
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("apscheduler"))
                    .isInstanceOf(ApSchedulerHealthContributor.class);
            Health scheduler = health(context, "scheduler");
            assertThat(scheduler.getStatus()).isEqualTo(Status.UP);
            assertThat(scheduler.getDetails()).containsEntry("state", "RUNNING").containsEntry("loop", "alive");
            assertThat(stores(context)).containsOnlyKeys("default");
            assertThat(store(context, "default").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void notStartedOnPurposeIsReportedAsSuchNotDown() {
        contextRunner.withPropertyValues("apscheduler.auto-start=false").run(context -> {
            Health scheduler = health(context, "scheduler");
            assertThat(scheduler.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(scheduler.getDetails()).containsEntry("state", "STOPPED").extractingByKey("reason")
                    .asString().contains("apscheduler.auto-start is false");
            // the default store is made when the scheduler starts
            assertThat(stores(context)).isEmpty();

            context.getBean(Scheduler.class).start();
            assertThat(store(context, "default").getStatus()).isEqualTo(Status.UP);
            assertThat(health(context, "scheduler").getStatus()).isEqualTo(Status.UP);
            context.getBean(Scheduler.class).shutdown();
            assertThat(health(context, "scheduler").getStatus()).as("stopped after it ran").isEqualTo(Status.DOWN);
        });
    }

    @Test
    void downOnceStoppedAfterItRan() {
        contextRunner.run(context -> {
            context.getBean(Scheduler.class).shutdown();
            Health scheduler = health(context, "scheduler");
            assertThat(scheduler.getStatus()).isEqualTo(Status.DOWN);
            assertThat(scheduler.getDetails()).containsEntry("state", "STOPPED");
        });
    }

    @Test
    void downWhenTheLoopHasDied() {
        contextRunner.run(context -> {
            Thread loop = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("apscheduler")).findFirst().orElseThrow();
            loop.interrupt();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> health(context, "scheduler").getStatus().equals(Status.DOWN));
            Health scheduler = health(context, "scheduler");
            assertThat(scheduler.getDetails()).containsEntry("state", "RUNNING").extractingByKey("loop").asString()
                    .startsWith("ended");
        });
    }

    @Test
    void aStoreThatCannotBeReachedIsDownAndTheOthersUp() {
        contextRunner.withUserConfiguration(UnreachableStoreConfiguration.class).run(context -> {
            assertThat(store(context, "default").getStatus()).isEqualTo(Status.UP);
            Health remote = store(context, "remote");
            assertThat(remote.getStatus()).isEqualTo(Status.DOWN);
            assertThat(remote.getDetails()).containsEntry("error",
                    "java.lang.IllegalStateException: connection refused");
        });
    }

    @Test
    void aStoreAddedLaterHasAContributorToo() {
        contextRunner.run(context -> {
            context.getBean(Scheduler.class).addJobStore("later", new MemoryJobStore());
            assertThat(stores(context)).containsOnlyKeys("default", "later");
            assertThat(store(context, "later").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void downWithTheReasonWhenThePassesOfTheLoopFail() {
        contextRunner.withUserConfiguration(BrokenStoreConfiguration.class).run(context -> {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> health(context, "scheduler").getStatus().equals(Status.DOWN));
            Health scheduler = health(context, "scheduler");
            assertThat(scheduler.getDetails()).containsEntry("state", "RUNNING");
            assertThat(scheduler.getDetails().get("lastPassFailure")).asString()
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

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> health(context, "scheduler").getDetails().containsKey("notRunnableHere"));
            Health health = health(context, "scheduler");
            assertThat(health.getStatus()).as("this instance's own trouble").isEqualTo(Status.UP);
            assertThat(health.getDetails().get("notRunnableHere")).asString()
                    .contains("count=1").contains("on-reports=its executor 'reports' is not configured here");
        });
    }

    @Test
    void canBeTurnedOff() {
        contextRunner.withPropertyValues("management.health.apscheduler.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ApSchedulerHealthContributor.class));
    }

    @Test
    void absentWithoutBootsHealthSupport() {
        contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(
                context -> assertThat(context).hasNotFailed().doesNotHaveBean(ApSchedulerHealthContributor.class));
    }

    @Test
    void absentWhenTheSchedulerIsOff() {
        contextRunner.withPropertyValues("apscheduler.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ApSchedulerHealthContributor.class));
    }

    private static Health health(ApplicationContext context, String part) {
        return ((HealthIndicator) context.getBean(ApSchedulerHealthContributor.class).getContributor(part)).health();
    }

    private static Map<String, HealthContributor> stores(ApplicationContext context) {
        Map<String, HealthContributor> stores = new LinkedHashMap<>();
        ((CompositeHealthContributor) context.getBean(ApSchedulerHealthContributor.class).getContributor("jobstores"))
                .stream().forEach(entry -> stores.put(entry.name(), entry.contributor()));
        return stores;
    }

    private static Health store(ApplicationContext context, String alias) {
        return ((HealthIndicator) ((CompositeHealthContributor) context.getBean(ApSchedulerHealthContributor.class)
                .getContributor("jobstores")).getContributor(alias)).health();
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
