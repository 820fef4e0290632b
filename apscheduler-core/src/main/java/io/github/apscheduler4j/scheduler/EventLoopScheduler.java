package io.github.apscheduler4j.scheduler;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs the processing loop's passes as tasks on a {@link ScheduledExecutorService}, an event loop the application
 * already has (a Netty {@code EventLoop} is one), instead of a thread that sleeps: the counterpart of APScheduler's
 * {@code TornadoScheduler} and {@code TwistedScheduler}. A given executor is the caller's to shut down.
 */
public class EventLoopScheduler extends AbstractScheduler {

    /** On {@code eventLoop}, which the caller owns. */
    public EventLoopScheduler(SchedulerConfig config, ScheduledExecutorService eventLoop) {
        super(config, ScheduledExecutorLoop.on(eventLoop));
    }

    /** On a single-threaded event loop of its own, shut down with the scheduler. */
    public EventLoopScheduler(SchedulerConfig config) {
        super(config, ScheduledExecutorLoop.ownEventLoop(config.daemon()));
    }
}
