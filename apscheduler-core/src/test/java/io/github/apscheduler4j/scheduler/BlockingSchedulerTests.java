package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.job.JobSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingSchedulerTests {

    @Test
    void startBlocksTheCallerUntilShutdown() throws Exception {
        BlockingScheduler scheduler = new BlockingScheduler(SchedulerConfig.builder().timezone(ZoneId.of("UTC")).build());
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.addJob(JobSpec.builder(ran::countDown).build());
        CompletableFuture<String> startReturned = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            scheduler.start();
            startReturned.complete(Thread.currentThread().getName());
        }, "main-like");

        caller.start();
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(startReturned).isNotDone();
        assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);

        scheduler.shutdown();

        assertThat(startReturned).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("main-like");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !caller.isAlive());
    }

    @Test
    void aJobCanShutTheSchedulerDownAndReleaseTheCaller() {
        BlockingScheduler scheduler = new BlockingScheduler(SchedulerConfig.builder().timezone(ZoneId.of("UTC")).build());
        scheduler.addJob(JobSpec.builder(() -> scheduler.shutdown(false)).build());

        CompletableFuture<Void> started = CompletableFuture.runAsync(scheduler::start);

        assertThat(started).succeedsWithin(Duration.ofSeconds(10));
        assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
    }
}
