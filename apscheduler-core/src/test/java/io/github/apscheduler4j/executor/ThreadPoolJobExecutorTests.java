package io.github.apscheduler4j.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadPoolJobExecutorTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZonedDateTime DUE = ZonedDateTime.now(UTC);

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private final ThreadPoolJobExecutor executor = new ThreadPoolJobExecutor(2);

    ThreadPoolJobExecutorTests() {
        executor.start(new ExecutorContext("default", Clock.systemUTC(), UTC, events::add, "test"));
    }

    @AfterEach
    void shutdown() {
        executor.shutdown(true);
    }

    @Test
    void runsABatchFarLargerThanThePoolOnItsThreads() {
        Set<String> ran = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<JobSubmission> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(submission(job("job-" + i, 1, () -> {
                threads.add(Thread.currentThread().getName());
            })));
        }

        assertThat(executor.submitAll(batch)).isEmpty();

        await().atMost(10, TimeUnit.SECONDS).until(() -> executed().size() == 500);
        executed().forEach(event -> ran.add(event.jobId()));
        assertThat(ran).hasSize(500);
        assertThat(threads).allMatch(name -> name.startsWith("apscheduler-default-"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> executor.runningInstances("job-499") == 0);
    }

    @Test
    void countsFreeWorkersAndPrefetchesMoreForQuickRunsThanForSlowOnes() throws Exception {
        assertThat(executor.freeSlots()).isEqualTo(2);
        assertThat(executor.prefetch()).as("before any run ended: one per worker").isEqualTo(2);
        CountDownLatch release = new CountDownLatch(1);
        List<JobSubmission> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(submission(job("held-" + i, 1, () -> hold(release))));
        }
        executor.submitAll(held);
        assertThat(executor.freeSlots()).as("two running, one queued").isEqualTo(-1);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> executor.freeSlots() == 2);

        for (int i = 0; i < 50; i++) {
            executor.submit(job("quick-" + i, 1, () -> { }), List.of(DUE));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> executed().size() == 53);
        assertThat(executor.prefetch()).as("quick runs: four per worker").isEqualTo(8);

        // runs far longer than the prefetch horizon (50 ms): one at most
        CountDownLatch slowDone = new CountDownLatch(40);
        for (int i = 0; i < 40; i++) {
            executor.submit(job("slow-" + i, 1, () -> {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(120);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                slowDone.countDown();
            }), List.of(DUE));
        }
        assertThat(slowDone.await(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> executor.freeSlots() == 2);
        assertThat(executor.prefetch()).isEqualTo(1);
    }

    @Test
    void aLongRunInABatchHoldsUpNoOtherRun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<JobSubmission> batch = new ArrayList<>();
        batch.add(submission(job("blocking", 1, () -> hold(release))));
        for (int i = 0; i < 50; i++) {
            batch.add(submission(job("quick-" + i, 1, () -> { })));
        }

        assertThat(executor.submitAll(batch)).isEmpty();

        // one of the two threads is held by the blocking run: the other runs all the quick ones
        await().atMost(10, TimeUnit.SECONDS).until(() -> executed().size() == 50);
        assertThat(executed()).extracting(SchedulerEvent.JobExecuted::jobId).doesNotContain("blocking");
        assertThat(executor.runningInstances("blocking")).isEqualTo(1);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> executed().size() == 51);
    }

    @Test
    void refusesTheSubmissionsOfAJobAtMaxInstancesAndAcceptsTheRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Job blocking = job("blocking", 1, () -> hold(release));
        executor.submit(blocking, List.of(DUE));
        JobSubmission again = submission(blocking);
        JobSubmission other = submission(job("other", 1, () -> { }));

        List<JobExecutor.Refusal> refused = executor.submitAll(List.of(other, again));

        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).index()).as("position of the refused submission").isEqualTo(1);
        assertThat(refused.get(0).reason()).isInstanceOf(MaxInstancesReachedException.class)
                .hasMessageContaining("blocking");
        await().atMost(10, TimeUnit.SECONDS).until(() -> executed().size() == 1);
        assertThat(executed().get(0).jobId()).isEqualTo("other");
        assertThat(executor.runningInstances("blocking")).isEqualTo(1);
        release.countDown();
    }

    @Test
    void refusesEveryRunOfABatchOnceShutDownAndCountsNoneIn() {
        executor.shutdown(true);
        JobSubmission one = submission(job("one", 1, () -> { }));
        JobSubmission two = submission(job("two", 1, () -> { }));

        List<JobExecutor.Refusal> refused = executor.submitAll(List.of(one, two));

        assertThat(refused).extracting(JobExecutor.Refusal::index).containsExactly(0, 1);
        assertThat(executor.runningInstances("one")).isZero();
        assertThat(executor.runningInstances("two")).isZero();
    }

    private List<SchedulerEvent.JobExecuted> executed() {
        return events.stream().filter(SchedulerEvent.JobExecuted.class::isInstance)
                .map(SchedulerEvent.JobExecuted.class::cast).toList();
    }

    private static JobSubmission submission(Job job) {
        return new JobSubmission(job, List.of(DUE));
    }

    private static Job job(String id, int maxInstances, Runnable body) {
        return Job.builder().id(id).target(JobTarget.of(JobFunction.of(body))).trigger(DateTrigger.at(DUE))
                .maxInstances(maxInstances).misfireGraceTime(null).nextRunTime(DUE).jobstore("default").build();
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
