package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.boot.annotation.ApsJobBeanPostProcessor;
import io.github.apscheduler4j.boot.jobs.JobRunHistory;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.ProcessPoolJobExecutor;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.job.RunPolicy;
import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.scheduler.SchedulerState;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryJobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

class ApSchedulerAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class));

    @Test
    void createsBackgroundSchedulerThatRunsWhileTheContextDoes() {
        Scheduler[] seen = new Scheduler[1];
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(BackgroundScheduler.class).hasSingleBean(ApSchedulerLifecycle.class)
                    .hasSingleBean(JobRunHistory.class).hasSingleBean(ApsJobBeanPostProcessor.class);
            seen[0] = context.getBean(Scheduler.class);
            assertThat(seen[0].state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(seen[0].jobStores()).containsOnlyKeys("default");
            assertThat(seen[0].executors()).containsOnlyKeys("default");
        });
        assertThat(seen[0].state()).isEqualTo(SchedulerState.STOPPED);
    }

    @Test
    void propertiesDefaultsEqualTheEngines() {
        ApSchedulerProperties properties = new ApSchedulerProperties();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.isAutoStart()).isTrue();
        assertThat(properties.getTimezone()).isNull();
        assertThat(properties.getJobstores()).isEmpty();
        assertThat(properties.getExecutors()).isEmpty();
        assertThat(properties.getJobDefaults().isCoalesce()).isEqualTo(JobDefaults.DEFAULT_COALESCE);
        assertThat(properties.getJobDefaults().getMaxInstances()).isEqualTo(JobDefaults.DEFAULT_MAX_INSTANCES);
        assertThat(properties.getJobDefaults().getMisfireGraceTime())
                .isEqualTo(JobDefaults.DEFAULT_MISFIRE_GRACE_TIME.toSeconds() + "s");
        assertThat(properties.getJobstoreRetryInterval()).isEqualTo(SchedulerConfig.DEFAULT_JOBSTORE_RETRY_INTERVAL);
        assertThat(properties.getShutdown().isWait()).isTrue();
        assertThat(properties.getShutdown().getAwaitTermination()).as("spring.lifecycle.timeout-per-shutdown-phase")
                .isNull();
        assertThat(ApSchedulerAutoConfiguration.DEFAULT_SHUTDOWN_PHASE_TIMEOUT)
                .isEqualTo(new LifecycleProperties().getTimeoutPerShutdownPhase());
        assertThat(properties.getHistorySize()).isEqualTo(20);
        assertThat(properties.getInstanceId()).isNull();
        assertThat(properties.getStorePollInterval()).isEqualTo(SchedulerConfig.DEFAULT_STORE_POLL_INTERVAL);
        assertThat(properties.getLeaseDuration()).isEqualTo(SchedulerConfig.DEFAULT_LEASE_DURATION);
        assertThat(properties.getLeaseRenewalInterval()).isEqualTo(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL);
        assertThat(properties.getJobDefaults().getRecovery()).isEqualTo(RunPolicy.DEFAULT.recovery());
        assertThat(properties.getJobDefaults().getRetries()).isEqualTo(RunPolicy.DEFAULT.retries());
        assertThat(properties.getJobDefaults().getRetryBackoff()).isEqualTo(RunPolicy.DEFAULT.retryBackoff());
        contextRunner.run(context -> {
            SchedulerConfig config = config(context.getBean(Scheduler.class));
            SchedulerConfig engine = SchedulerConfig.defaults();
            assertThat(config.jobDefaults()).isEqualTo(engine.jobDefaults()).isEqualTo(JobDefaults.APSCHEDULER);
            assertThat(config.timezone()).isEqualTo(engine.timezone()).isEqualTo(ZoneId.systemDefault());
            assertThat(config.jobstoreRetryInterval()).isEqualTo(engine.jobstoreRetryInterval());
            assertThat(config.storePollInterval()).isEqualTo(engine.storePollInterval());
            assertThat(config.instanceId()).isEqualTo(engine.instanceId());
            assertThat(config.leaseDuration()).isEqualTo(engine.leaseDuration());
            assertThat(config.leaseRenewalInterval()).isEqualTo(engine.leaseRenewalInterval());
        });
    }

    @Test
    void enabledFalseTurnsEverythingOff() {
        contextRunner.withPropertyValues("apscheduler.enabled=false").withUserConfiguration(InvalidJobConfiguration.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Scheduler.class)
                        .doesNotHaveBean(ApsJobBeanPostProcessor.class).doesNotHaveBean(ApSchedulerLifecycle.class));
    }

    @Test
    void autoStartFalseLeavesTheSchedulerStoppedUntilStarted() {
        contextRunner.withPropertyValues("apscheduler.auto-start=false").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
            context.start();
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        });
    }

    @Test
    void timezonePropertySetsTheSchedulersZone() {
        contextRunner.withPropertyValues("apscheduler.timezone=Europe/Berlin")
                .run(context -> assertThat(context.getBean(Scheduler.class).timezone())
                        .isEqualTo(ZoneId.of("Europe/Berlin")));
    }

    @Test
    void executorPropertiesBindInApschedulerAndSpringSpellings() {
        contextRunner.withPropertyValues("apscheduler.executors.default.type=threadpool",
                "apscheduler.executors.default.max_workers=20", "apscheduler.executors.fast.type=threadpool",
                "apscheduler.executors.fast.max-workers=3", "apscheduler.executors.inline.type=debug").run(context -> {
                    var executors = context.getBean(Scheduler.class).executors();
                    assertThat(executors).containsOnlyKeys("default", "fast", "inline");
                    assertThat(((ThreadPoolJobExecutor) executors.get("default")).maxWorkers()).isEqualTo(20);
                    assertThat(((ThreadPoolJobExecutor) executors.get("fast")).maxWorkers()).isEqualTo(3);
                    assertThat(executors.get("inline")).isInstanceOf(DirectJobExecutor.class);
                });
    }

    @Test
    void processPoolExecutorIsMadeFromItsType() {
        contextRunner.withPropertyValues("apscheduler.executors.processpool.type=processpool",
                "apscheduler.executors.processpool.max_workers=5").run(context -> assertThat(
                        ((ProcessPoolJobExecutor) context.getBean(Scheduler.class).executors().get("processpool"))
                                .maxWorkers()).isEqualTo(5));
    }

    @Test
    void classNamesAnImplementationInsteadOfAType() {
        contextRunner.withPropertyValues("apscheduler.executors.default.class=apscheduler.executors.pool:ThreadPoolExecutor",
                "apscheduler.executors.default.max_workers=4",
                "apscheduler.jobstores.default.class=io.github.apscheduler4j.store.MemoryJobStore",
                "apscheduler.jobstores.other.type=memory").run(context -> {
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    assertThat(((ThreadPoolJobExecutor) scheduler.executors().get("default")).maxWorkers()).isEqualTo(4);
                    assertThat(scheduler.jobStores()).containsOnlyKeys("default", "other");
                    assertThat(scheduler.jobStores().values()).allMatch(MemoryJobStore.class::isInstance);
                });
    }

    @Test
    void jobDefaultsBindInApschedulerAndSpringSpellingsWithSecondsAsTheUnit() {
        contextRunner.withPropertyValues("apscheduler.job_defaults.coalesce=false",
                "apscheduler.job_defaults.max_instances=3", "apscheduler.job-defaults.misfire-grace-time=30")
                .run(context -> assertThat(config(context.getBean(Scheduler.class)).jobDefaults())
                        .isEqualTo(new JobDefaults(false, 3, Duration.ofSeconds(30))));
    }

    @Test
    void runPolicyAndLeasesBindInApschedulerAndSpringSpellingsWithSecondsAsTheUnit() {
        contextRunner.withPropertyValues("apscheduler.job_defaults.recovery=rerun",
                "apscheduler.job_defaults.retries=3", "apscheduler.job-defaults.retry-backoff=30",
                "apscheduler.lease_duration=20", "apscheduler.lease-renewal-interval=4")
                .run(context -> assertRunPolicyAndLeases(context));
    }

    @Test
    void runPolicyAndLeasesBindFromYaml() {
        String yaml = """
                apscheduler:
                  lease_duration: 20s
                  lease-renewal-interval: 4
                  job_defaults:
                    recovery: RERUN
                    retries: 3
                    retry_backoff: PT30S
                """;
        contextRunner.withInitializer(context -> {
            try {
                new YamlPropertySourceLoader().load("application.yml",
                        new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
                        .forEach(context.getEnvironment().getPropertySources()::addFirst);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).run(context -> assertRunPolicyAndLeases(context));
    }

    @Test
    void runPolicyAndLeasesBindFromEnvironmentVariables() {
        Map<String, Object> environment = Map.of("APSCHEDULER_JOB_DEFAULTS_RECOVERY", "rerun",
                "APSCHEDULER_JOB_DEFAULTS_RETRIES", "3", "APSCHEDULER_JOB_DEFAULTS_RETRY_BACKOFF", "30",
                "APSCHEDULER_LEASE_DURATION", "20s", "APSCHEDULER_LEASE_RENEWAL_INTERVAL", "4");
        // a name ending in -systemEnvironment: Spring maps its names as it maps the process's environment
        contextRunner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(
                        "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .run(context -> assertRunPolicyAndLeases(context));
    }

    private static void assertRunPolicyAndLeases(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        SchedulerConfig config = config(context.getBean(Scheduler.class));
        assertThat(config.jobDefaults().runPolicy())
                .isEqualTo(new RunPolicy(Recovery.RERUN, 3, Duration.ofSeconds(30)));
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.leaseRenewalInterval()).isEqualTo(Duration.ofSeconds(4));
        // the other defaults are left as they were
        assertThat(config.jobDefaults().withRunPolicy(RunPolicy.DEFAULT)).isEqualTo(JobDefaults.APSCHEDULER);
    }

    @Test
    void jobDefaultsRunPolicyReachesJobsThatSetNone() {
        contextRunner.withPropertyValues("apscheduler.job_defaults.retries=2").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.builder(() -> { }).id("plain").trigger("interval", Map.of("hours", 1)).build());
            scheduler.addJob(JobSpec.builder(() -> { }).id("once").trigger("interval", Map.of("hours", 1)).retries(0)
                    .build());
            assertThat(scheduler.getJob("plain").runPolicy().retries()).isEqualTo(2);
            assertThat(scheduler.getJob("once").runPolicy().retries()).isZero();
        });
    }

    @Test
    void leaseRenewalIntervalNotShorterThanTheLeaseIsRefused() {
        contextRunner.withPropertyValues("apscheduler.lease-duration=5", "apscheduler.lease-renewal-interval=5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
                            "lease_renewal_interval (PT5S) must be shorter than lease_duration (PT5S)");
                });
    }

    @Test
    void jobstoreRetryIntervalIsInSeconds() {
        contextRunner.withPropertyValues("apscheduler.jobstore_retry_interval=5")
                .run(context -> assertThat(config(context.getBean(Scheduler.class)).jobstoreRetryInterval())
                        .isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void instanceIdAndStorePollIntervalApply() {
        contextRunner.withPropertyValues("apscheduler.instance-id=web-1", "apscheduler.store_poll_interval=5")
                .run(context -> {
                    SchedulerConfig config = config(context.getBean(Scheduler.class));
                    assertThat(config.instanceId()).isEqualTo("web-1");
                    assertThat(config.storePollInterval()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void jobStoreAndExecutorBeansAreUsedUnderTheirBeanNames() {
        contextRunner.withUserConfiguration(ComponentBeansConfiguration.class).run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.jobStores()).containsEntry("mongo", context.getBean("mongo", JobStore.class));
            assertThat(scheduler.executors()).containsEntry("inline", context.getBean("inline", JobExecutor.class));
        });
    }

    @Test
    void beanReplacesThePropertiesEntryOfTheSameAlias() {
        contextRunner.withUserConfiguration(ComponentBeansConfiguration.class)
                .withPropertyValues("apscheduler.executors.inline.type=threadpool")
                .run(context -> assertThat(context.getBean(Scheduler.class).executors().get("inline"))
                        .isSameAs(context.getBean("inline")));
    }

    @Test
    void customizersRunInOrderAfterPropertiesAndBeans() {
        contextRunner.withUserConfiguration(CustomizerConfiguration.class, ComponentBeansConfiguration.class)
                .withPropertyValues("apscheduler.timezone=Europe/Berlin").run(context -> {
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
                    assertThat(scheduler.executors()).containsKey("reports");
                    assertThat(config(scheduler).jobDefaults().maxInstances()).isEqualTo(5);
                });
    }

    @Test
    void userDefinedSchedulerMakesTheAutoConfiguredOneBackOff() {
        contextRunner.withUserConfiguration(UserSchedulerConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(Scheduler.class);
            assertThat(context.getBean(Scheduler.class)).isSameAs(context.getBean("mine"));
            assertThat(context.getBean(Scheduler.class).state()).isEqualTo(SchedulerState.RUNNING);
        });
    }

    @Test
    void schedulerListenerBeansAndApplicationEventListenersHearEveryEvent() {
        contextRunner.withUserConfiguration(ListenersConfiguration.class).run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.builder(() -> { }).id("once").build());
            ListenersConfiguration listeners = context.getBean(ListenersConfiguration.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(listeners.heard).anyMatch(SchedulerEvent.JobExecuted.class::isInstance);
                assertThat(listeners.published).anyMatch(e -> e.jobId().equals("once"));
            });
            assertThat(listeners.heard).anyMatch(SchedulerEvent.SchedulerStarted.class::isInstance);
        });
    }

    @Test
    void historySizeBoundsTheRunsKeptPerJob() {
        contextRunner.withPropertyValues("apscheduler.history-size=2").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.builder(() -> { }).id("often").trigger("interval", Map.of("hours", 1))
                    .build());
            JobRunHistory history = context.getBean(JobRunHistory.class);
            for (int run = 1; run <= 3; run++) {
                int expected = Math.min(run, 2);
                scheduler.runJob("often", null);
                await().atMost(Duration.ofSeconds(10)).until(() -> history.runs("often").size() == expected
                        && scheduler.executors().get("default").runningInstances("often") == 0);
            }
            assertThat(history.runs("often")).hasSize(2);
        });
    }

    @Test
    void shutdownWaitsForRunningJobsToFinish() {
        contextRunner.run(context -> {
            BlockingJob job = BlockingJob.runningIn(context);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !closing.isDone());
            job.release();
            closing.get(10, TimeUnit.SECONDS);
        });
    }

    @Test
    void shutdownWaitFalseDoesNotWaitForRunningJobs() {
        contextRunner.withPropertyValues("apscheduler.shutdown.wait=false").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            BlockingJob job = BlockingJob.runningIn(context);
            try {
                context.close();
                assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
                assertThat(job.isReleased()).isFalse();
            } finally {
                job.release();
            }
        });
    }

    private static SchedulerConfig config(Scheduler scheduler) {
        return ((AbstractScheduler) scheduler).config();
    }

    @Configuration(proxyBeanMethods = false)
    static class ComponentBeansConfiguration {

        @Bean
        JobStore mongo() {
            return new MemoryJobStore();
        }

        @Bean
        JobExecutor inline() {
            return new DirectJobExecutor();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        @Bean
        @Order(2)
        ApSchedulerCustomizer second() {
            return config -> config.jobDefaults(JobDefaults.APSCHEDULER.withMaxInstances(5));
        }

        @Bean
        @Order(1)
        ApSchedulerCustomizer first() {
            return config -> config.timezone(ZoneId.of("Asia/Tokyo")).executor("reports", new ThreadPoolJobExecutor(2))
                    .jobDefaults(JobDefaults.APSCHEDULER.withMaxInstances(4));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserSchedulerConfiguration {

        @Bean
        BackgroundScheduler mine() {
            return new BackgroundScheduler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenersConfiguration {

        final List<SchedulerEvent> heard = new CopyOnWriteArrayList<>();
        final List<SchedulerEvent.JobExecuted> published = new CopyOnWriteArrayList<>();

        @Bean
        SchedulerListener recordingListener() {
            return heard::add;
        }

        @EventListener
        void on(SchedulerEvent.JobExecuted event) {
            published.add(event);
        }
    }

    static class InvalidJobConfiguration {

        @Bean
        InvalidJob invalidJob() {
            return new InvalidJob();
        }
    }

    static class InvalidJob {

        @ApsJob(hour = "25")
        void nightly() {
        }
    }
}
