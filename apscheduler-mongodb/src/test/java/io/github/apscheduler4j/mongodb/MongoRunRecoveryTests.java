package io.github.apscheduler4j.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run claimed on one scheduler whose instance stops renewing its lease is run again on another, through the MongoDB
 * store's run ledger: the job's last fire, so that only the run keeps the job.
 */
class MongoRunRecoveryTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Queue<String> RUNS = new ConcurrentLinkedQueue<>();
    private static volatile CountDownLatch release = new CountDownLatch(0);

    private MongoServer server;
    private MongoClient client;
    private final Queue<BackgroundScheduler> started = new ConcurrentLinkedQueue<>();

    /** Records its run; the first attempt then blocks, whatever interrupts it, as an instance that hangs would. */
    public static void hangOnFirstAttempt(JobContext context) {
        RUNS.add(context.instanceId() + "#" + context.attempt());
        if (context.attempt() == 1) {
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records its run; the first attempt fails. */
    public static void failOnFirstAttempt(JobContext context) {
        RUNS.add(context.instanceId() + "#" + context.attempt());
        if (context.attempt() == 1) {
            throw new IllegalStateException("first attempt fails");
        }
    }

    @BeforeEach
    void startServer() {
        RUNS.clear();
        release = new CountDownLatch(1);
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(server.getConnectionString());
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        started.stream().filter(BackgroundScheduler::isRunning).forEach(scheduler -> scheduler.shutdown(false));
        client.close();
        server.shutdownNow();
    }

    private BackgroundScheduler scheduler(String instanceId, Queue<SchedulerEvent> events) {
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .instanceId(instanceId)
                .timezone(UTC)
                .storePollInterval(Duration.ofMillis(200))
                .leaseDuration(Duration.ofSeconds(1))
                .leaseRenewalInterval(Duration.ofMillis(200))
                .jobstore("default", MongoJobStore.builder(client).build())
                .executor("default", new ThreadPoolJobExecutor(2))
                .build());
        scheduler.addListener(events::add);
        scheduler.start();
        started.add(scheduler);
        return scheduler;
    }

    @Test
    void runsAFireAgainOnAnotherInstanceWhenItsInstanceStopsRenewingItsLease() {
        Queue<SchedulerEvent> eventsOfA = new ConcurrentLinkedQueue<>();
        Queue<SchedulerEvent> eventsOfB = new ConcurrentLinkedQueue<>();
        BackgroundScheduler a = scheduler("a", eventsOfA);
        a.addJob(JobSpec.builder(ClassTargetResolver.reference(MongoRunRecoveryTests.class, "hangOnFirstAttempt"))
                .id("last").trigger(DateTrigger.at(ZonedDateTime.now(UTC))).recovery(Recovery.RERUN)
                // the rerun comes a lease later than the fire
                .misfireGraceTime(Duration.ofMinutes(1)).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> RUNS.contains("a#1"));
        assertThat(a.getJobs()).as("the job, whose only fire is claimed").isEmpty();

        // a stops renewing its lease while its run hangs: as an instance that died with it
        a.shutdown(false);
        scheduler("b", eventsOfB);

        await().atMost(Duration.ofSeconds(20)).until(() -> RUNS.contains("b#2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsOfB.stream()
                .anyMatch(event -> event instanceof SchedulerEvent.JobExecuted executed && executed.jobId().equals("last")));
        await("the run, ended by b").atMost(Duration.ofSeconds(20)).until(() -> client
                .getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection("jobs_runs").countDocuments() == 0);
        assertThat(List.copyOf(RUNS)).containsExactly("a#1", "b#2");
    }

    @Test
    void retriesAFailedRunFromTheLedgerAfterItsBackoff() {
        Queue<SchedulerEvent> events = new ConcurrentLinkedQueue<>();
        BackgroundScheduler a = scheduler("a", events);
        a.addJob(JobSpec.builder(ClassTargetResolver.reference(MongoRunRecoveryTests.class, "failOnFirstAttempt"))
                .id("flaky").trigger(DateTrigger.at(ZonedDateTime.now(UTC))).retries(1)
                .retryBackoff(Duration.ofMillis(100)).misfireGraceTime(Duration.ofMinutes(1)).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                .anyMatch(event -> event instanceof SchedulerEvent.JobExecuted executed && executed.jobId().equals("flaky")));
        await("the run, ended").atMost(Duration.ofSeconds(20)).until(() -> client
                .getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection("jobs_runs").countDocuments() == 0);
        assertThat(List.copyOf(RUNS)).containsExactly("a#1", "a#2");
        assertThat(events).filteredOn(event -> event instanceof SchedulerEvent.JobRetryScheduled).hasSize(1);
    }
}
