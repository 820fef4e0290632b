package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An executor whose runs start on an {@link ExecutorService} made at start and shut down with it. */
public abstract class PooledJobExecutor extends AbstractJobExecutor {

    private volatile ExecutorService pool;

    /** Makes the pool the runs start on; called at each start after a shutdown. */
    protected abstract ExecutorService newPool(ExecutorContext context);

    @Override
    public synchronized void start(ExecutorContext context) {
        super.start(context);
        if (pool == null || pool.isShutdown()) {
            pool = newPool(context);
        }
    }

    @Override
    protected final void execute(Job job, Runnable run) {
        ExecutorService current = pool;
        if (current == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has not been started");
        }
        current.execute(run);
    }

    @Override
    public void shutdown(boolean wait) {
        ExecutorService current = pool;
        if (current == null) {
            return;
        }
        current.shutdown();
        if (wait) {
            try {
                while (!current.awaitTermination(1, TimeUnit.MINUTES)) {
                    // shutdown(wait=true) waits for every run under way, as APScheduler's does
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A fixed pool of {@code size} daemon threads named after the executor's alias. */
    protected static ExecutorService fixedPool(ExecutorContext context, int size) {
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                workerThreads(context.alias()));
    }

    private static ThreadFactory workerThreads(String alias) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "apscheduler-" + alias + "-" + count.incrementAndGet());
            // the scheduler, not its idle workers, decides how long the JVM lives
            thread.setDaemon(true);
            return thread;
        };
    }
}
