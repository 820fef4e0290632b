package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.AsyncScheduler;
import io.github.apscheduler4j.scheduler.BlockingScheduler;
import io.github.apscheduler4j.scheduler.EventLoopScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

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
    void blockingSchedulerRunsOnAThreadOfItsOwnThatKeepsTheJvmAliveUntilTheContextCloses() {
        contextRunner.withPropertyValues("apscheduler.scheduler=blocking").run(context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler).isInstanceOf(BlockingScheduler.class);
            // the context's refresh returned: the thread that started the application is not held
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
            Thread loop = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("apscheduler-blocking")).findFirst().orElseThrow();
            assertThat(loop.isDaemon()).as("keeps the JVM alive").isFalse();

            context.close();

            assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
            loop.join(Duration.ofSeconds(10).toMillis());
            assertThat(loop.isAlive()).isFalse();
        });
    }

    @Test
    void blockingSchedulerLetsTheApplicationBecomeReady() {
        List<ReadinessState> readiness = new CopyOnWriteArrayList<>();
        SpringApplication application = new SpringApplication(BlockingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("apscheduler.scheduler", "blocking"));
        application.addListeners((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
            if (event.getState() instanceof ReadinessState state) {
                readiness.add(state);
            }
        });
        try (ConfigurableApplicationContext context = application.run()) {
            assertThat(context.getBean(Scheduler.class).state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(readiness).contains(ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ApSchedulerAutoConfiguration.class)
    static class BlockingApplication {
    }
}
