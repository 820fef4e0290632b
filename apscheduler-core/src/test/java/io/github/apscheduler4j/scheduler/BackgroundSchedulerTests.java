package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.time.MutableClock;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background scheduler's own thread and the thread-pool executor, with real threads. */
class BackgroundSchedulerTests {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"), UTC);
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private BackgroundScheduler scheduler;

    private BackgroundScheduler start(int workers) {
        scheduler = new BackgroundScheduler(SchedulerConfig.builder().timezone(UTC).clock(clock)
                .executor("default", new ThreadPoolJobExecutor(workers)).build());
        scheduler.addListener(events::add);
        scheduler.start();
        return scheduler;
    }

    @AfterEach
    void shutdown() {
        if (scheduler != null && scheduler.isRunning()) {
            scheduler.shutdown(false);
        }
    }

    private long count(EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    @Test
    void runsAJobAddedWhileRunningOnItsOwnThread() {
        start(2);
        CompletableFuture<String> ranOn = new CompletableFuture<>();

        scheduler.addJob(JobSpec.builder(() -> ranOn.complete(Thread.currentThread().getName())).build());

        assertThat(ranOn).succeedsWithin(Duration.ofSeconds(10)).asString().startsWith("apscheduler-default-");
    }

    @Test
    void wakesUpWhenTheClockHasMovedAndItIsWoken() {
        start(2);
        AtomicInteger runs = new AtomicInteger();
        scheduler.addJob(JobSpec.builder(runs::incrementAndGet).id("tick")
                .trigger(Triggers.create("interval", Map.of("minutes", 1, "start_date", "2026-01-01T00:01:00Z"), UTC))
                .build());

        clock.advance(Duration.ofMinutes(1));
        scheduler.wakeup();
        await().atMost(10, TimeUnit.SECONDS).until(() -> runs.get() == 1);

        clock.advance(Duration.ofMinutes(1));
        scheduler.wakeup();
        await().atMost(10, TimeUnit.SECONDS).until(() -> runs.get() == 2);
        assertThat(scheduler.getJob("tick").nextRunTime().toInstant()).isEqualTo(Instant.parse("2026-01-01T00:03:00Z"));
    }

    @Test
    void refusesRunBeyondMaxInstances() throws Exception {
        start(4);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        scheduler.addJob(JobSpec.builder(() -> {
            started.incrementAndGet();
            block(release);
        }).id("slow").maxInstances(2).misfireGraceTime(null)
                .trigger(Triggers.create("interval", Map.of("seconds", 1, "start_date", "2026-01-01T00:00:01Z"), UTC))
                .build());

        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            scheduler.wakeup();
            int submissions = i;
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> count(EventType.JOB_SUBMITTED) + count(EventType.JOB_MAX_INSTANCES) == submissions);
        }

        await().atMost(10, TimeUnit.SECONDS).until(() -> started.get() == 2);
        assertThat(count(EventType.JOB_MAX_INSTANCES)).isEqualTo(1);
        assertThat(scheduler.executors().get("default").runningInstances("slow")).isEqualTo(2);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> count(EventType.JOB_EXECUTED) == 2);
        assertThat(scheduler.executors().get("default").runningInstances("slow")).isZero();
    }

    @Test
    void aListenerMayRunTheJobAgainAsSoonAsItHearsItExecuted() {
        start(2);
        AtomicInteger runs = new AtomicInteger();
        List<Boolean> rerunsAccepted = new CopyOnWriteArrayList<>();
        scheduler.addJob(JobSpec.builder(runs::incrementAndGet).id("again").maxInstances(1).paused().build());
        scheduler.addListener(event -> {
            if (event instanceof SchedulerEvent.JobExecuted executed && runs.get() < 3) {
                rerunsAccepted.add(scheduler.runJob(executed.jobId(), null));
            }
        }, EventMask.of(EventType.JOB_EXECUTED));

        scheduler.runJob("again", null);

        await().atMost(10, TimeUnit.SECONDS).until(() -> runs.get() == 3);
        assertThat(rerunsAccepted).containsExactly(true, true);
    }

    @Test
    void shutdownWithWaitReturnsOnlyAfterTheRunningJobEnds() throws Exception {
        start(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = runUntilReleased(release);

        CompletableFuture<Boolean> finishedWhenShutdownReturned = CompletableFuture.supplyAsync(() -> {
            scheduler.shutdown(true);
            return finished.get();
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> scheduler.state() == SchedulerState.STOPPED);
        assertThat(finishedWhenShutdownReturned).isNotDone();
        release.countDown();

        assertThat(finishedWhenShutdownReturned).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
    }

    @Test
    void shutdownWithoutWaitReturnsWhileTheJobStillRuns() throws Exception {
        start(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = runUntilReleased(release);

        scheduler.shutdown(false);

        assertThat(finished).isFalse();
        assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).untilTrue(finished);
    }

    @Test
    void shutdownWithATimeoutWaitsForTheRunningJobThatEndsInTime() throws Exception {
        start(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = runUntilReleased(release);

        CompletableFuture<Boolean> allFinished = CompletableFuture.supplyAsync(
                () -> scheduler.shutdown(Duration.ofSeconds(30)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> scheduler.state() == SchedulerState.STOPPED);
        assertThat(allFinished).isNotDone();
        release.countDown();

        assertThat(allFinished).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
        assertThat(finished).isTrue();
    }

    @Test
    void shutdownWithATimeoutGivesUpOnAJobThatOutlastsIt() throws Exception {
        start(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = runUntilReleased(release);

        assertThat(scheduler.shutdown(Duration.ofMillis(200))).isFalse();

        assertThat(finished).isFalse();
        assertThat(count(EventType.SCHEDULER_SHUTDOWN)).isEqualTo(1);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).untilTrue(finished);
    }

    @Test
    void aRunDecoratorWrapsEachRunOnTheWorkerThatRunsIt() {
        List<String> decoratedOn = new CopyOnWriteArrayList<>();
        List<String> wrappedOn = new CopyOnWriteArrayList<>();
        scheduler = new BackgroundScheduler(SchedulerConfig.builder().timezone(UTC).clock(clock)
                .executor("default", new ThreadPoolJobExecutor(1)).runDecorator((run, invocation) -> {
                    decoratedOn.add(Thread.currentThread().getName());
                    return () -> {
                        wrappedOn.add(Thread.currentThread().getName());
                        invocation.run();
                    };
                }).build());
        scheduler.addListener(events::add);
        scheduler.start();
        CompletableFuture<String> ranOn = new CompletableFuture<>();

        scheduler.addJob(JobSpec.builder(() -> ranOn.complete(Thread.currentThread().getName())).build());

        assertThat(ranOn).succeedsWithin(Duration.ofSeconds(10)).asString().startsWith("apscheduler-default-");
        assertThat(wrappedOn).containsExactly(ranOn.join());
        assertThat(decoratedOn).containsExactly(ranOn.join());
    }

    @Test
    void theLoopIsReportedDeadOnceItsThreadEndsWhileTheSchedulerRuns() {
        start(1);
        assertThat(scheduler.isLoopAlive()).isTrue();
        Thread loop = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("apscheduler")).findFirst().orElseThrow();

        loop.interrupt();

        await().atMost(10, TimeUnit.SECONDS).until(() -> !scheduler.isLoopAlive());
        assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(scheduler.lastPassFailure()).isNotNull();
    }

    @Test
    void aJobMayCallTheSchedulerWhileItRuns() {
        start(2);
        List<SchedulerEvent> removed = new CopyOnWriteArrayList<>();
        scheduler.addListener(removed::add, EventMask.of(EventType.JOB_REMOVED));
        scheduler.addJob(JobSpec.builder(() -> { }).id("victim").paused().build());

        scheduler.addJob(JobSpec.builder(() -> scheduler.removeJob("victim")).build());

        await().atMost(10, TimeUnit.SECONDS).until(() -> removed.stream()
                .anyMatch(e -> ((SchedulerEvent.JobRemoved) e).jobId().equals("victim")));
    }

    /** Adds a job that runs now and holds its worker until {@code release}; returns once it runs, with its end flag. */
    private AtomicBoolean runUntilReleased(CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        scheduler.addJob(JobSpec.builder(() -> {
            running.countDown();
            block(release);
            finished.set(true);
        }).build());
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return finished;
    }

    private static void block(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
