package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs jobs on a fixed pool of threads: APScheduler's {@code ThreadPoolExecutor} (default 10 workers). */
public final class ThreadPoolJobExecutor extends AbstractJobExecutor {

    public static final int DEFAULT_MAX_WORKERS = 10;

    private final int maxWorkers;
    private volatile ExecutorService pool;

    public ThreadPoolJobExecutor() {
        this(DEFAULT_MAX_WORKERS);
    }

    public ThreadPoolJobExecutor(int maxWorkers) {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("max_workers must be at least 1 but was " + maxWorkers);
        }
        this.maxWorkers = maxWorkers;
    }

    public int maxWorkers() {
        return maxWorkers;
    }

    @Override
    public synchronized void start(ExecutorContext context) {
        super.start(context);
        if (pool == null || pool.isShutdown()) {
            pool = new ThreadPoolExecutor(maxWorkers, maxWorkers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    workerThreads(context.alias()));
        }
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

    @Override
    protected void execute(Job job, Runnable run) {
        ExecutorService current = pool;
        if (current == null) {
            throw new IllegalStateException("ThreadPoolJobExecutor has not been started");
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
                    // keep waiting: shutdown(wait=true) waits for every run under way, as APScheduler's does
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "ThreadPoolJobExecutor(max_workers=" + maxWorkers + ")";
    }
}
