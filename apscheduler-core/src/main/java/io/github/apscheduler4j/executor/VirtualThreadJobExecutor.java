package io.github.apscheduler4j.executor;

import java.util.concurrent.ExecutorService;

/**
 * Runs each job run on a virtual thread of its own (Java 21+): no pool to size, blocking jobs cost no platform
 * thread. On Java 17 creating it fails with a message saying so.
 */
public final class VirtualThreadJobExecutor extends PooledJobExecutor {

    public VirtualThreadJobExecutor() {
        VirtualThreads.requireAvailable("the virtual-thread executor (type: virtual)");
    }

    @Override
    protected ExecutorService newPool(ExecutorContext context) {
        return VirtualThreads.newPerTaskExecutor();
    }

    @Override
    public String toString() {
        return "VirtualThreadJobExecutor";
    }
}
