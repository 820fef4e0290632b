package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;

/** Spring Boot's lifecycle: the shutdown phase's timeout, stopping beside the phase's other beans, task decorators. */
class ApSchedulerLifecycleTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(LifecycleAutoConfiguration.class, ApSchedulerAutoConfiguration.class));

    @Test
    void shutdownWaitsForRunsAtMostTheShutdownPhaseTimeout() {
        contextRunner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=1s").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            BlockingJob job = BlockingJob.runningIn(context);
            try {
                assertThat(BlockingJob.timeToClose(context)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
                assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
            } finally {
                job.release();
            }
        });
    }

    @Test
    void awaitTerminationOverridesTheShutdownPhaseTimeout() {
        contextRunner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=20s",
                "apscheduler.shutdown.await-termination=1").run(context -> {
                    BlockingJob job = BlockingJob.runningIn(context);
                    try {
                        assertThat(BlockingJob.timeToClose(context)).isBetween(Duration.ofMillis(900),
                                Duration.ofSeconds(10));
                    } finally {
                        job.release();
                    }
                });
    }

    @Test
    void stopWithACallbackReturnsAtOnceAndCallsBackOnceTheRunsHaveEnded() {
        contextRunner.run(context -> {
            BlockingJob job = BlockingJob.runningIn(context);
            CompletableFuture<Void> stopped = new CompletableFuture<>();

            context.getBean(ApSchedulerLifecycle.class).stop(() -> stopped.complete(null));

            assertThat(stopped).isNotDone();
            job.release();
            assertThat(stopped).succeedsWithin(Duration.ofSeconds(10));
            assertThat(context.getBean(Scheduler.class).state()).isEqualTo(SchedulerState.STOPPED);
        });
    }

    @Test
    void taskDecoratorBeansWrapEachRunOnTheWorkerThatRunsIt() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ThreadLocal<String> tenant = new ThreadLocal<>();
        contextRunner.withBean("recording", TaskDecorator.class, () -> new Recording(seen))
                .withBean("tenant", TaskDecorator.class, () -> new Tenant(tenant, "acme")).run(context -> {
                    CompletableFuture<String> ranWith = new CompletableFuture<>();
                    context.getBean(Scheduler.class).addJob(JobSpec.builder(
                            () -> ranWith.complete(tenant.get() + " on " + Thread.currentThread().getName())).build());
                    assertThat(ranWith).succeedsWithin(Duration.ofSeconds(10)).asString()
                            .startsWith("acme on apscheduler-default-");
                    assertThat(seen).singleElement().asString().startsWith("apscheduler-default-");
                    assertThat(tenant.get()).as("nothing left on the test's thread").isNull();
                });
    }

    /** Notes the thread each run runs on. */
    private record Recording(List<String> seen) implements TaskDecorator {

        @Override
        public Runnable decorate(Runnable runnable) {
            return () -> {
                seen.add(Thread.currentThread().getName());
                runnable.run();
            };
        }
    }

    /** Sets a tenant for the time a run lasts, as a decorator restoring a context does. */
    private record Tenant(ThreadLocal<String> current, String name) implements TaskDecorator {

        @Override
        public Runnable decorate(Runnable runnable) {
            return () -> {
                current.set(name);
                try {
                    runnable.run();
                } finally {
                    current.remove();
                }
            };
        }
    }
}
