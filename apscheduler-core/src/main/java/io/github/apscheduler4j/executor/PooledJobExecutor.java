package io.github.apscheduler4j.executor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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

    /**
     * Hands the runs to the pool. A fixed pool of n threads gets at most n tasks, which take the runs one at a time
     * from the list they share: a large batch costs a few wake-ups of the pool's threads rather than one for each
     * run, and a long run holds up only the task running it, while the others take the rest. A pool that starts a
     * thread for every task (virtual threads) gets as many tasks as runs.
     */
    @Override
    protected final void execute(List<Runnable> runs) {
        ExecutorService current = pool;
        if (current == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has not been started");
        }
        if (runs.size() == 1) {
            current.execute(runs.get(0));
            return;
        }
        int tasks = current instanceof ThreadPoolExecutor fixed ? Math.min(fixed.getMaximumPoolSize(), runs.size())
                : runs.size();
        SharedRuns shared = new SharedRuns(runs);
        // once the first task is accepted, it alone runs them all
        current.execute(shared);
        try {
            for (int i = 1; i < tasks; i++) {
                current.execute(shared);
            }
        } catch (RejectedExecutionException e) {
            // shut down meanwhile: the tasks accepted run the rest
        }
    }

    /** Runs that several of the pool's tasks take, one at a time each, until none is left. */
    private static final class SharedRuns implements Runnable {
        private final List<Runnable> runs;
        private final AtomicInteger next = new AtomicInteger();

        SharedRuns(List<Runnable> runs) {
            this.runs = runs;
        }

        @Override
        public void run() {
            for (int i = next.getAndIncrement(); i < runs.size(); i = next.getAndIncrement()) {
                runs.get(i).run();
            }
        }
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

    @Override
    public boolean shutdown(Duration timeout) {
        ExecutorService current = pool;
        if (current == null) {
            return true;
        }
        current.shutdown();
        try {
            return current.awaitTermination(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current.isTerminated();
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
