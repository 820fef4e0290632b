package io.github.apscheduler4j.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.job.RunPolicy;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryJobStore;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

class ApsJobBeanPostProcessorTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class))
            .withPropertyValues("apscheduler.timezone=UTC");

    @Test
    void cronFieldsMakeACronJobWithIdAndTargetFromBeanAndMethod() {
        run(JobsConfiguration.class, context -> {
            Job job = job(context, "jobs.nightly");
            assertThat(job.target().reference()).isEqualTo("bean:jobs.nightly");
            assertThat(job.trigger()).isEqualTo(Triggers.create("cron", Map.of("hour", 3, "minute", 30), utc()));
            assertThat(job.trigger().toString()).isEqualTo("cron[hour='3', minute='30']");
            assertThat(job.nextRunTime()).isNotNull();
        });
    }

    @Test
    void crontabStringMakesTheCronTriggerOfItsFieldsWithSundayAsZero() {
        run(JobsConfiguration.class, context -> {
            Job job = job(context, "jobs.weekdays");
            assertThat(job.trigger().type()).isEqualTo("cron");
            assertThat(job.trigger().arguments()).containsEntry("minute", "0").containsEntry("hour", "9")
                    .containsEntry("day_of_week", "mon,tue,wed,thu,fri").containsEntry("jitter", 5L)
                    .containsEntry("timezone", "UTC");
        });
    }

    @Test
    void intervalFieldsMakeAnIntervalJobAndSettingsApply() {
        run(JobsConfiguration.class, context -> {
            Job job = job(context, "refresh");
            assertThat(job.trigger().type()).isEqualTo("interval");
            assertThat(job.trigger().arguments()).containsEntry("minutes", 5L);
            assertThat(job.name()).isEqualTo("Refresh caches");
            assertThat(job.coalesce()).isFalse();
            assertThat(job.maxInstances()).isEqualTo(3);
            assertThat(job.misfireGraceTime()).isNull();
            assertThat(job.executor()).isEqualTo("default");
            assertThat(job.jobstore()).isEqualTo("default");
        });
    }

    @Test
    void runPolicyAttributesApplyAndPlaceholdersResolveInThem() {
        contextRunner.withPropertyValues("reports.retries=4").withUserConfiguration(JobsConfiguration.class)
                .run(context -> {
                    assertThat(job(context, "jobs.settle").runPolicy())
                            .isEqualTo(new RunPolicy(Recovery.RERUN, 3, Duration.ofSeconds(30)));
                    assertThat(job(context, "jobs.retried").runPolicy())
                            .isEqualTo(RunPolicy.DEFAULT.withRetries(4).withRetryBackoff(Duration.ofMinutes(1)));
                });
    }

    @Test
    void runPolicyAttributesLeftEmptyTakeTheJobDefaults() {
        contextRunner.withPropertyValues("apscheduler.job_defaults.recovery=rerun",
                "apscheduler.job_defaults.retries=2", "apscheduler.job_defaults.retry_backoff=5")
                .withUserConfiguration(JobsConfiguration.class).run(context -> {
                    assertThat(job(context, "jobs.nightly").runPolicy())
                            .isEqualTo(new RunPolicy(Recovery.RERUN, 2, Duration.ofSeconds(5)));
                    // what a job sets wins (retries, from its placeholder's default), what it leaves empty is the
                    // defaults' (recovery)
                    assertThat(job(context, "jobs.retried").runPolicy())
                            .isEqualTo(new RunPolicy(Recovery.RERUN, 1, Duration.ofMinutes(1)));
                });
    }

    @Test
    void badRunPolicyAttributesAreRefusedNamingTheAttribute() {
        String method = "Invalid @ApsJob method 'RunPolicyFromProperties.job': ";
        assertInvalid(RunPolicyFromProperties.class, method + "recovery: must be none or rerun but was 'sometimes'",
                "policy.recovery=sometimes");
        assertInvalid(RunPolicyFromProperties.class, method + "retries: must be a whole number, 0 or more, but was"
                + " '-1'", "policy.retries=-1");
        assertInvalid(RunPolicyFromProperties.class, method + "retries: must be a whole number, 0 or more, but was"
                + " 'many'", "policy.retries=many");
        assertInvalid(RunPolicyFromProperties.class, method + "retryBackoff: must be positive but was '0'",
                "policy.retry-backoff=0");
        assertInvalid(RunPolicyFromProperties.class, method + "retryBackoff: must be a duration",
                "policy.retry-backoff=none");
    }

    @Test
    void zeroRetriesIsAValue() {
        contextRunner.withPropertyValues("apscheduler.job_defaults.retries=2", "policy.retries=0")
                .withBean(RunPolicyFromProperties.class)
                .run(context -> assertThat(context.getBean(Scheduler.class).getJobs()).singleElement()
                        .extracting(j -> j.runPolicy().retries()).isEqualTo(0));
    }

    @Test
    void runDateMakesADateJobInTheGivenZone() {
        run(JobsConfiguration.class, context -> {
            Job job = job(context, "jobs.newYear");
            assertThat(job.trigger().type()).isEqualTo("date");
            assertThat(job.nextRunTime().toInstant())
                    .isEqualTo(ZonedDateTime.of(2099, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant());
        });
    }

    @Test
    void placeholdersResolveInEveryValue() {
        contextRunner.withPropertyValues("reports.every=7", "reports.id=report").withUserConfiguration(JobsConfiguration.class)
                .run(context -> assertThat(job(context, "report").trigger().arguments()).containsEntry("seconds", 7L));
    }

    @Test
    void repeatedAnnotationsScheduleOneJobEach() {
        run(JobsConfiguration.class, context -> {
            assertThat(job(context, "jobs.twice").trigger().arguments()).containsEntry("hours", 1L);
            assertThat(job(context, "jobs.twice-2").trigger().arguments()).containsEntry("hour", "12");
        });
    }

    @Test
    void jobWithoutTriggerRunsOnceWhenTheSchedulerStarts() {
        run(JobsConfiguration.class, context -> await().atMost(Duration.ofSeconds(10))
                .until(() -> context.getBean(Jobs.class).calls.contains("atStart")));
    }

    @Test
    void jobWithoutTriggerWaitsForAManualStart() {
        contextRunner.withPropertyValues("apscheduler.auto-start=false").withUserConfiguration(JobsConfiguration.class)
                .run(context -> {
                    Jobs jobs = context.getBean(Jobs.class);
                    assertThat(jobs.calls).doesNotContain("atStart");
                    context.start();
                    await().atMost(Duration.ofSeconds(10)).until(() -> jobs.calls.contains("atStart"));
                });
    }

    @Test
    void argsAndKwargsReachTheMethodsParameters() {
        run(JobsConfiguration.class, context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(job(context, "greet").args()).containsExactly("world");
            assertThat(job(context, "greet").kwargs()).containsEntry("times", "2");
            scheduler.runJob("greet", null);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> context.getBean(Jobs.class).calls.contains("hello world x2"));
        });
    }

    @Test
    void updatesAStoredJobOfTheSameIdToItsDeclaration() {
        run(PrefilledStoreConfiguration.class, context -> {
            Job job = job(context, "jobs.nightly");
            assertThat(job.target().reference()).isEqualTo("bean:jobs.nightly");
            assertThat(job.trigger().toString()).isEqualTo("cron[hour='3', minute='30']");
        });
    }

    @Test
    void lazyBeansAddTheirJobsWhenCreated() {
        run(LazyJobsConfiguration.class, context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.getJob("lazyJobs.later")).isNull();
            context.getBean(LazyJobs.class);
            assertThat(scheduler.getJob("lazyJobs.later")).isNotNull();
        });
    }

    @Test
    void triggerFieldsOfTwoTypesAreRefused() {
        assertInvalid(MixedTypes.class, "Invalid @ApsJob method 'MixedTypes.job': sets fields of more than one trigger"
                + " type (cron: hour; interval: minutes); keep those of one type");
    }

    @Test
    void fieldsTheTriggerDoesNotTakeAreRefused() {
        assertInvalid(WrongField.class, "Invalid @ApsJob method 'WrongField.job': interval trigger: unknown argument"
                + " 'hour'");
    }

    @Test
    void badSettingsAreRefusedNamingTheAttribute() {
        assertInvalid(BadMaxInstances.class,
                "Invalid @ApsJob method 'BadMaxInstances.job': maxInstances: must be at least 1 but was '0'");
        assertInvalid(BadCoalesce.class,
                "Invalid @ApsJob method 'BadCoalesce.job': coalesce: must be true or false but was 'maybe'");
        assertInvalid(BadKwargs.class,
                "Invalid @ApsJob method 'BadKwargs.job': kwargs: expected name=value but was 'oops'");
        assertInvalid(JitterWithoutTrigger.class, "Invalid @ApsJob method 'JitterWithoutTrigger.job': jitter need a"
                + " trigger");
    }

    @Test
    void overloadedMethodsAreRefused() {
        assertInvalid(Overloaded.class, "Invalid @ApsJob method 'Overloaded.job': the method is overloaded");
    }

    @Test
    void unknownJobStoreIsRefused() {
        assertInvalid(UnknownStore.class,
                "Invalid @ApsJob method 'UnknownStore.job': jobstore: 'mongo' does not exist; known jobstores: default");
    }

    private void run(Class<?> configuration, Consumer<AssertableApplicationContext> assertions) {
        contextRunner.withUserConfiguration(configuration).run(context -> {
            assertThat(context).hasNotFailed();
            assertions.accept(context);
        });
    }

    private void assertInvalid(Class<?> jobBean, String messageStart, String... properties) {
        contextRunner.withPropertyValues(properties).withBean(jobBean).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (!(failure instanceof InvalidApsJobException) && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(InvalidApsJobException.class);
            assertThat(failure.getMessage()).startsWith(messageStart);
        });
    }

    private static Job job(AssertableApplicationContext context, String id) {
        Job job = context.getBean(Scheduler.class).getJob(id);
        assertThat(job).as("job %s", id).isNotNull();
        return job;
    }

    private static ZoneId utc() {
        return ZoneId.of("UTC");
    }

    static class JobsConfiguration {

        @Bean
        Jobs jobs() {
            return new Jobs();
        }
    }

    static class Jobs {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @ApsJob(trigger = "cron", hour = "3", minute = "30")
        void nightly() {
        }

        @ApsJob(cron = "0 9 * * 1-5", jitter = "5")
        void weekdays() {
        }

        @ApsJob(id = "refresh", name = "Refresh caches", minutes = "5", coalesce = "false", maxInstances = "3",
                misfireGraceTime = "none")
        void refresh() {
        }

        @ApsJob(runDate = "2099-01-01T00:00:00", timezone = "Europe/Berlin")
        void newYear() {
        }

        @ApsJob(id = "${reports.id:report}", seconds = "${reports.every:30}")
        void report() {
        }

        @ApsJob(hours = "1")
        @ApsJob(hour = "12")
        void twice() {
        }

        @ApsJob(hours = "1", recovery = "rerun", retries = "3", retryBackoff = "30s")
        void settle() {
        }

        @ApsJob(hours = "1", retries = "${reports.retries:1}", retryBackoff = "PT1M")
        void retried() {
        }

        @ApsJob
        void atStart() {
            calls.add("atStart");
        }

        @ApsJob(id = "greet", days = "1", args = "world", kwargs = "times=2")
        void greet(String who, int times) {
            calls.add("hello " + who + " x" + times);
        }
    }

    static class PrefilledStoreConfiguration {

        @Bean
        Jobs jobs() {
            return new Jobs();
        }

        @Bean(name = "default")
        JobStore store() {
            MemoryJobStore store = new MemoryJobStore();
            store.addJob(Job.builder().id("jobs.nightly").target(JobTarget.of("bean:jobs.refresh", (args, kwargs) -> null))
                    .trigger(Triggers.create("interval", Map.of("days", 1), utc())).build());
            return store;
        }
    }

    static class LazyJobsConfiguration {

        @Bean
        @Lazy
        LazyJobs lazyJobs() {
            return new LazyJobs();
        }
    }

    static class LazyJobs {

        @ApsJob(hours = "1")
        void later() {
        }
    }

    static class MixedTypes {

        @ApsJob(hour = "3", minutes = "5")
        void job() {
        }
    }

    static class WrongField {

        @ApsJob(trigger = "interval", minutes = "5", hour = "3")
        void job() {
        }
    }

    static class BadMaxInstances {

        @ApsJob(minutes = "5", maxInstances = "0")
        void job() {
        }
    }

    static class BadCoalesce {

        @ApsJob(minutes = "5", coalesce = "maybe")
        void job() {
        }
    }

    static class BadKwargs {

        @ApsJob(minutes = "5", kwargs = "oops")
        void job() {
        }
    }

    static class JitterWithoutTrigger {

        @ApsJob(jitter = "5")
        void job() {
        }
    }

    static class Overloaded {

        @ApsJob(minutes = "5")
        void job() {
        }

        void job(String name) {
        }
    }

    static class RunPolicyFromProperties {

        @ApsJob(minutes = "5", recovery = "${policy.recovery:none}", retries = "${policy.retries:1}",
                retryBackoff = "${policy.retry-backoff:10}")
        void job() {
        }
    }

    static class UnknownStore {

        @ApsJob(minutes = "5", jobstore = "mongo")
        void job() {
        }
    }
}
