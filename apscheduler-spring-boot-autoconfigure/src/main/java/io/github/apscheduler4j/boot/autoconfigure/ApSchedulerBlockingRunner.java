package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.scheduler.BlockingScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Runs a {@link BlockingScheduler} on the application's main thread once the application is ready, as APScheduler's
 * {@code BlockingScheduler.start()} holds the program's thread: the application stays up while the scheduler runs,
 * and {@code SpringApplication.run} returns when the context closes and shuts it down. Does nothing for other kinds.
 */
public class ApSchedulerBlockingRunner implements ApplicationRunner, Ordered {

    private final Scheduler scheduler;
    private final boolean autoStart;

    public ApSchedulerBlockingRunner(Scheduler scheduler, boolean autoStart) {
        this.scheduler = scheduler;
        this.autoStart = autoStart;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (autoStart && scheduler instanceof BlockingScheduler && !scheduler.isRunning()) {
            scheduler.start();
        }
    }

    /** Last: the application's own runners go first, as they would run before a blocking call in a main method. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
