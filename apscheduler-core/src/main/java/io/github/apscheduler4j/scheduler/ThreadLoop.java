package io.github.apscheduler4j.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.github.apscheduler4j.executor.VirtualThreads;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the passes on one thread that sleeps between them: the caller's, a platform thread or a virtual thread. */
final class ThreadLoop implements SchedulerLoop {

    private static final Logger log = LoggerFactory.getLogger(ThreadLoop.class);

    private final WakeupSignal signal = new WakeupSignal();
    // makes the loop's thread from its task; null runs the loop on the thread calling start()
    private final Function<Runnable, Thread> threads;
    private volatile Thread thread;
    // true from start() until run() returns: a caller's thread outlives the loop it ran
    private volatile boolean looping;

    private ThreadLoop(Function<Runnable, Thread> threads) {
        this.threads = threads;
    }

    /** The loop runs in {@code start()}, which returns when the scheduler stops. */
    static ThreadLoop onCallerThread() {
        return new ThreadLoop(null);
    }

    static ThreadLoop onPlatformThread(boolean daemon) {
        return new ThreadLoop(task -> {
            Thread loop = new Thread(task, "apscheduler");
            loop.setDaemon(daemon);
            return loop;
        });
    }

    /** On a virtual thread (Java 21+). @throws UnsupportedOperationException on older JVMs */
    static ThreadLoop onVirtualThread() {
        VirtualThreads.requireAvailable("a scheduler loop on a virtual thread");
        return new ThreadLoop(task -> VirtualThreads.unstarted("apscheduler", task));
    }

    @Override
    public void start(AbstractScheduler scheduler) {
        looping = true;
        if (threads == null) {
            thread = Thread.currentThread();
            run(scheduler);
            return;
        }
        Thread loop = threads.apply(() -> run(scheduler));
        thread = loop;
        loop.start();
    }

    private void run(AbstractScheduler scheduler) {
        try {
            loop(scheduler);
        } finally {
            looping = false;
        }
    }

    private void loop(AbstractScheduler scheduler) {
        while (scheduler.isRunning()) {
            long passStarted = System.nanoTime();
            Duration wait = scheduler.processJobs();
            try {
                signal.await(WakeupSignal.clamp(wait), passStarted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Scheduler loop interrupted; it stops, but the scheduler is still {}", scheduler.state());
                scheduler.loopEnded(e);
                return;
            }
        }
    }

    @Override
    public boolean isAlive() {
        Thread loop = thread;
        return looping && (loop == null || loop.getState() != Thread.State.TERMINATED);
    }

    @Override
    public void wakeup() {
        signal.signal();
    }

    @Override
    public void wakeupBy(Instant due, Clock clock) {
        if (!signal.wakesBy(due, clock)) {
            signal.signal();
        }
    }

    @Override
    public void stop() {
        signal.signal();
        Thread loop = thread;
        thread = null;
        if (threads != null && loop != null && loop != Thread.currentThread()) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
