package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs each job run on a virtual thread of its own (Java 21+): no pool to size, blocking jobs cost no platform
 * thread. On Java 17 creating it fails with a message saying so.
 */
public final class VirtualThreadJobExecutor extends AbstractJobExecutor {

    private volatile ExecutorService threads;

    public VirtualThreadJobExecutor() {
        VirtualThreads.requireAvailable("the virtual-thread executor (type: virtual)");
    }

    @Override
    public synchronized void start(ExecutorContext context) {
        super.start(context);
        if (threads == null || threads.isShutdown()) {
            threads = VirtualThreads.newPerTaskExecutor();
        }
    }

    @Override
    protected void execute(Job job, Runnable run) {
        ExecutorService current = threads;
        if (current == null) {
            throw new IllegalStateException("VirtualThreadJobExecutor has not been started");
        }
        current.execute(run);
    }

    @Override
    public void shutdown(boolean wait) {
        ExecutorService current = threads;
        if (current == null) {
            return;
        }
        current.shutdown();
        if (wait) {
            try {
                while (!current.awaitTermination(1, TimeUnit.MINUTES)) {
                    // shutdown(wait=true) waits for every run under way
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "VirtualThreadJobExecutor";
    }
}
