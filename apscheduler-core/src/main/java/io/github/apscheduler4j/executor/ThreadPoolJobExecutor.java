package io.github.apscheduler4j.executor;

import java.util.concurrent.ExecutorService;

/** Runs jobs on a fixed pool of threads: APScheduler's {@code ThreadPoolExecutor} (default 10 workers). */
public final class ThreadPoolJobExecutor extends PooledJobExecutor {

    public static final int DEFAULT_MAX_WORKERS = 10;

    private final int maxWorkers;

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
    protected int workers() {
        return maxWorkers;
    }

    @Override
    protected ExecutorService newPool(ExecutorContext context) {
        return fixedPool(context, maxWorkers);
    }

    @Override
    public String toString() {
        return "ThreadPoolJobExecutor(max_workers=" + maxWorkers + ")";
    }
}
