package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.executor.VirtualThreadJobExecutor;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code spring.threads.virtual.enabled=true}: the default executor runs each job on a virtual thread, on Java 21 and
 * later, where Spring Boot turns virtual threads on; on Java 17 the property does nothing, as elsewhere in Boot.
 * {@code .ci/run} runs this class on a Java 25 JDK too ({@code APSCHEDULER_TEST_JDK25}).
 */
class VirtualThreadsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class));

    private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    @Test
    void virtualThreadsEnabledMakeTheDefaultExecutorRunJobsOnVirtualThreads() {
        contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            CompletableFuture<Boolean> virtual = new CompletableFuture<>();
            scheduler.addJob(JobSpec.builder(() -> virtual.complete(isVirtual(Thread.currentThread()))).build());
            if (VIRTUAL_THREADS) {
                assertThat(scheduler.executors().get("default")).isInstanceOf(VirtualThreadJobExecutor.class);
                assertThat(virtual).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
            } else {
                assertThat(scheduler.executors().get("default")).isInstanceOf(ThreadPoolJobExecutor.class);
                assertThat(virtual).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(false);
            }
        });
    }

    @Test
    void aDefaultExecutorTheApplicationConfiguresStaysAsConfigured() {
        contextRunner.withPropertyValues("spring.threads.virtual.enabled=true",
                "apscheduler.executors.default.max_workers=3").run(context -> {
                    JobExecutor executor = context.getBean(Scheduler.class).executors().get("default");
                    assertThat(executor).isInstanceOf(ThreadPoolJobExecutor.class);
                    assertThat(((ThreadPoolJobExecutor) executor).maxWorkers()).isEqualTo(3);
                });
    }

    @Test
    void withoutThePropertyTheDefaultExecutorIsAThreadPool() {
        contextRunner.run(context -> assertThat(context.getBean(Scheduler.class).executors().get("default"))
                .isInstanceOf(ThreadPoolJobExecutor.class));
    }

    // Thread.isVirtual() is Java 21's; the build's release is 17
    private static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
