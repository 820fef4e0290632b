package io.github.apscheduler4j.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs on every JVM: on Java 21+ it checks the executor's behaviour, before that its refusal. CI runs it on both. */
class VirtualThreadJobExecutorTests {

    @Test
    void runsEachRunOnAVirtualThreadAndRespectsMaxInstances() throws Exception {
        if (!VirtualThreads.available()) {
            assertThatThrownBy(VirtualThreadJobExecutor::new)
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("needs virtual threads, which need Java 21 or later; this JVM is "
                            + Runtime.version().feature());
            return;
        }
        List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder().timezone(ZoneId.of("UTC"))
                .executor("default", new VirtualThreadJobExecutor()).build());
        scheduler.addListener(events::add);
        scheduler.start();
        try {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> virtual = new CompletableFuture<>();
            scheduler.addJob(JobSpec.builder(() -> {
                virtual.complete(isVirtual(Thread.currentThread()));
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).id("blocking").maxInstances(1).paused().build());

            assertThat(scheduler.runJob("blocking", null)).isTrue();
            assertThat(virtual).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
            assertThat(scheduler.runJob("blocking", null)).isFalse();
            assertThat(events).extracting(SchedulerEvent::type).contains(EventType.JOB_MAX_INSTANCES);

            release.countDown();
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e.type() == EventType.JOB_EXECUTED));
        } finally {
            scheduler.shutdown();
        }
    }

    @Test
    void isConfiguredAsTypeVirtual() {
        if (!VirtualThreads.available()) {
            assertThatThrownBy(() -> SchedulerConfig.fromMap(Map.of("executors", Map.of("v", Map.of("type", "virtual"))),
                    "apscheduler."))
                    .hasMessageContaining("apscheduler.executors.v.type")
                    .hasMessageContaining("Java 21 or later");
            return;
        }
        SchedulerConfig config = SchedulerConfig.fromMap(Map.of("executors", Map.of("v", Map.of("type", "virtual"))),
                "apscheduler.");
        assertThat(config.executors().get("v")).isInstanceOf(VirtualThreadJobExecutor.class);
    }

    private static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
