package io.github.apscheduler4j.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.AsyncScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jobs returning a CompletionStage or a publisher run until it completes, without holding a worker. */
class AsyncJobTests {

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private final ThreadPoolJobExecutor oneWorker = new ThreadPoolJobExecutor(1);
    private final AsyncScheduler scheduler = new AsyncScheduler(SchedulerConfig.builder().timezone(ZoneId.of("UTC"))
            .executor("default", oneWorker).build());

    @AfterEach
    void shutdown() {
        if (scheduler.isRunning()) {
            scheduler.shutdown(false);
        }
    }

    private long count(EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    @Test
    void countsAnAsyncJobAsRunningUntilItsStageCompletesWithoutHoldingTheWorker() throws Exception {
        scheduler.addListener(events::add);
        scheduler.start();
        CompletableFuture<String> result = new CompletableFuture<>();
        scheduler.addJob(JobSpec.builder((JobFunction) (args, kwargs) -> result).id("async").paused().build());

        assertThat(scheduler.runJob("async", null)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> count(EventType.JOB_SUBMITTED) == 1);

        CountDownLatch otherRan = new CountDownLatch(1);
        scheduler.addJob(JobSpec.builder(otherRan::countDown).build());
        assertThat(otherRan.await(10, TimeUnit.SECONDS)).as("the only worker is free").isTrue();
        assertThat(oneWorker.runningInstances("async")).isEqualTo(1);
        assertThat(scheduler.runJob("async", null)).as("max_instances still counts it").isFalse();
        assertThat(count(EventType.JOB_MAX_INSTANCES)).isEqualTo(1);

        result.complete("done");

        await().atMost(10, TimeUnit.SECONDS).until(() -> oneWorker.runningInstances("async") == 0);
        assertThat(events).filteredOn(SchedulerEvent.JobExecuted.class::isInstance)
                .map(e -> ((SchedulerEvent.JobExecuted) e).returnValue())
                .contains("done");
    }

    @Test
    void reportsTheFailureOfAnAsyncJob() {
        scheduler.addListener(events::add);
        scheduler.start();
        IllegalStateException failure = new IllegalStateException("remote call failed");

        scheduler.addJob(JobSpec.builder((JobFunction) (args, kwargs) -> CompletableFuture.supplyAsync(() -> {
            throw failure;
        })).build());

        await().atMost(10, TimeUnit.SECONDS).until(() -> count(EventType.JOB_ERROR) == 1);
        assertThat(events).filteredOn(SchedulerEvent.JobError.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((SchedulerEvent.JobError) e).exception()).isSameAs(failure));
    }

    @Test
    void takesThePublishersLastElementAsTheResult() {
        scheduler.addListener(events::add);
        scheduler.start();

        Flow.Publisher<Integer> oneThenTwo = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                CompletableFuture.runAsync(() -> {
                    subscriber.onNext(1);
                    subscriber.onNext(2);
                    subscriber.onComplete();
                });
            }

            @Override
            public void cancel() {
            }
        });
        scheduler.addJob(JobSpec.builder((JobFunction) (args, kwargs) -> oneThenTwo).build());

        await().atMost(10, TimeUnit.SECONDS).until(() -> count(EventType.JOB_EXECUTED) == 1);
        assertThat(events).filteredOn(SchedulerEvent.JobExecuted.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((SchedulerEvent.JobExecuted) e).returnValue()).isEqualTo(2));
    }

    @Test
    void waitsForAReactorMono() {
        scheduler.addListener(events::add);
        scheduler.start();

        scheduler.addJob(JobSpec.builder((JobFunction) (args, kwargs) -> reactor.core.publisher.Mono.just("reactive")
                .delayElement(java.time.Duration.ofMillis(50))).build());

        await().atMost(10, TimeUnit.SECONDS).until(() -> count(EventType.JOB_EXECUTED) == 1);
        assertThat(events).filteredOn(SchedulerEvent.JobExecuted.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((SchedulerEvent.JobExecuted) e).returnValue())
                        .isEqualTo("reactive"));
    }
}
