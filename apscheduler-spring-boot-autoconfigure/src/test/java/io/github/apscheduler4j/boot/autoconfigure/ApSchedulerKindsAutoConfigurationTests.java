package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.AsyncScheduler;
import io.github.apscheduler4j.scheduler.BlockingScheduler;
import io.github.apscheduler4j.scheduler.EventLoopScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code apscheduler.scheduler} picks the counterpart of one of APScheduler's schedulers. */
class ApSchedulerKindsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class));

    @Test
    void schedulerPropertySelectsTheKind() {
        contextRunner.withPropertyValues("apscheduler.scheduler=asyncio").run(context -> {
            assertThat(context).hasSingleBean(AsyncScheduler.class);
            assertThat(context.getBean(Scheduler.class).state()).isEqualTo(SchedulerState.RUNNING);
        });
    }

    @Test
    void eventLoopSchedulerWakesUpOnTheApplicationsEventLoop() {
        ScheduledExecutorService eventLoop = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "event-loop"));
        try {
            contextRunner.withBean(ScheduledExecutorService.class, () -> eventLoop)
                    .withPropertyValues("apscheduler.scheduler=tornado", "apscheduler.executors.default.type=debug")
                    .run(context -> {
                        assertThat(context).hasSingleBean(EventLoopScheduler.class);
                        CompletableFuture<String> ranOn = new CompletableFuture<>();
                        context.getBean(Scheduler.class).addJob(JobSpec.builder(
                                () -> ranOn.complete(Thread.currentThread().getName())).build());
                        assertThat(ranOn).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("event-loop");
                    });
        } finally {
            eventLoop.shutdownNow();
        }
    }

    @Test
    void unknownKindFailsNamingTheProperty() {
        contextRunner.withPropertyValues("apscheduler.scheduler=gtk").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof ApSchedulerConfigurationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(ApSchedulerConfigurationException.class,
                    e -> assertThat(e.property()).isEqualTo("apscheduler.scheduler"))
                    .hasMessageContaining("known kinds: background, blocking, asyncio, gevent, tornado, twisted, qt");
        });
    }

    @Test
    void blockingSchedulerHoldsTheMainThreadUntilTheContextCloses() {
        contextRunner.withPropertyValues("apscheduler.scheduler=blocking").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler).isInstanceOf(BlockingScheduler.class);
            assertThat(scheduler.state()).as("not started by the lifecycle").isEqualTo(SchedulerState.STOPPED);

            CompletableFuture<Void> main = CompletableFuture.runAsync(
                    () -> context.getBean(ApSchedulerBlockingRunner.class).run(new DefaultApplicationArguments()));
            await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.state() == SchedulerState.RUNNING);
            assertThat(main).isNotDone();

            context.getBean(ApSchedulerLifecycle.class).stop();

            assertThat(main).succeedsWithin(Duration.ofSeconds(10));
            assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        });
    }
}
