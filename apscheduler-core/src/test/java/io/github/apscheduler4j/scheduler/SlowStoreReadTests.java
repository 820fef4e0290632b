package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.trigger.Triggers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reads (listings, lookups, the stores a health check asks) do not wait for the scheduler's lock, which a pass holds
 * across its store calls: a store that hangs stalls the pass, not the reads.
 */
class SlowStoreReadTests {

    private static final ZoneId UTC = ZoneId.of("UTC");

    /** A store whose due-job query hangs until released, as a database that stopped answering. */
    static final class HangingStore extends ForwardingJobStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<Job> dueJobs(Instant now) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.dueJobs(now);
        }
    }

    @Test
    void readsCompleteWhileAPassHangsInAStore() throws Exception {
        HangingStore slow = new HangingStore();
        ManualScheduler scheduler = new ManualScheduler(SchedulerConfig.builder().timezone(UTC)
                .jobstore("slow", slow).jobstore("fast", new ForwardingJobStore()).build());
        scheduler.start();
        Map<String, Object> hours = Map.of("hours", 1);
        scheduler.addJob(JobSpec.builder(() -> { }).id("a").jobstore("fast").trigger(Triggers.create("interval", hours, UTC)).build());
        scheduler.addJob(JobSpec.builder(() -> { }).id("b").jobstore("slow").trigger(Triggers.create("interval", hours, UTC)).build());
        Thread pass = new Thread(scheduler::processJobs, "hanging-pass");
        pass.start();
        try {
            assertThat(slow.entered.await(10, TimeUnit.SECONDS)).as("the pass reached the hanging store").isTrue();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(scheduler.getJobs("fast")).extracting(Job::id).containsExactly("a");
                assertThat(scheduler.getJobs(null)).extracting(Job::id).containsExactlyInAnyOrder("a", "b");
                assertThat(scheduler.getJob("b", null)).isNotNull();
                assertThat(scheduler.jobStores()).containsKeys("slow", "fast");
                assertThat(scheduler.executors()).containsKey("default");
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                scheduler.printJobs("fast", new PrintStream(printed, true, StandardCharsets.UTF_8));
                assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Jobstore fast:");
            });
            assertThat(pass.isAlive()).as("the pass still hangs: the reads did not wait for it").isTrue();
        } finally {
            slow.release.countDown();
            pass.join(10_000);
            scheduler.shutdown();
        }
    }
}
