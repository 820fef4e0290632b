package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.executor.VirtualThreads;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every scheduler kind starts, runs jobs (now and on a schedule), and shuts down. */
class SchedulerKindsTests {

    private static final SchedulerConfig CONFIG = SchedulerConfig.builder().timezone(ZoneId.of("UTC")).build();

    @ParameterizedTest
    @ValueSource(strings = {"background", "asyncio", "tornado", "twisted", "qt", "gevent"})
    void startsRunsAJobAndShutsDown(String kind) throws Exception {
        if (kind.equals("gevent") && !VirtualThreads.available()) {
            assertThatThrownBy(() -> Schedulers.create(kind, CONFIG, null))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("needs virtual threads, which need Java 21 or later");
            return;
        }
        AbstractScheduler scheduler = Schedulers.create(kind, CONFIG, null);
        CountDownLatch ranNow = new CountDownLatch(1);
        AtomicInteger ticks = new AtomicInteger();

        scheduler.start();
        scheduler.addJob(JobSpec.builder(ranNow::countDown).build());
        scheduler.addJob(JobSpec.builder(ticks::incrementAndGet)
                .trigger(Triggers.create("interval", Map.of("seconds", 0.05), ZoneId.of("UTC"))).build());

        assertThat(ranNow.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ticks.get() >= 3);
        scheduler.shutdown();
        assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
    }

    @Test
    void eventLoopSchedulerRunsItsPassesOnTheGivenEventLoop() throws Exception {
        ScheduledExecutorService eventLoop = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "netty-like"));
        try {
            AbstractScheduler scheduler = Schedulers.create("tornado", SchedulerConfig.builder().timezone(ZoneId.of("UTC"))
                    .executor("default", new io.github.apscheduler4j.executor.DirectJobExecutor()).build(), eventLoop);
            CompletableFuture<String> ranOn = new CompletableFuture<>();
            scheduler.start();
            scheduler.addJob(JobSpec.builder(() -> ranOn.complete(Thread.currentThread().getName())).build());

            assertThat(ranOn).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("netty-like");
            scheduler.shutdown();
            assertThat(eventLoop.isShutdown()).isFalse();
        } finally {
            eventLoop.shutdownNow();
        }
    }

    @Test
    void namesTheKnownKindsForAnUnknownOne() {
        assertThatThrownBy(() -> Schedulers.create("gtk", CONFIG, null))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo("scheduler"))
                .hasMessageContaining("known kinds: background, blocking, asyncio, gevent, tornado, twisted, qt");
    }
}
