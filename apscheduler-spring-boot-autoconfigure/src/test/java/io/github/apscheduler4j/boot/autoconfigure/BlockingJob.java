package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A job that runs until the test releases it, for the tests of what shutting down does to a running job. */
final class BlockingJob {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private BlockingJob() {
    }

    /** Adds the job to the context's scheduler and returns once it runs. */
    static BlockingJob runningIn(ApplicationContext context) throws InterruptedException {
        BlockingJob job = new BlockingJob();
        context.getBean(Scheduler.class).addJob(JobSpec.builder(job::block).build());
        assertThat(job.started.await(10, TimeUnit.SECONDS)).as("the blocking job started").isTrue();
        return job;
    }

    /** How long closing the context takes while the job runs. */
    static Duration timeToClose(ConfigurableApplicationContext context) {
        long begin = System.nanoTime();
        context.close();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    void release() {
        release.countDown();
    }

    boolean isReleased() {
        return release.getCount() == 0;
    }

    private void block() {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
