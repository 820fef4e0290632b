package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run as the {@link RunDecorator}s see it, and the invocation they wrap: it calls the job's code, keeps what the
 * code returned or threw for the executor, and tells the listeners when the run ends.
 */
final class DecoratedRun implements RunDecorator.Run, Runnable {

    private static final Logger log = LoggerFactory.getLogger(DecoratedRun.class);

    private final Job job;
    private final String executor;
    private final JobContext context;
    private final Callable<Object> code;
    private final List<Consumer<Throwable>> listeners = new ArrayList<>(2);
    private boolean invoked;
    private Object result;
    private Throwable failure;
    private boolean ended;
    private Throwable endedWith;

    DecoratedRun(Job job, String executor, JobContext context, Callable<Object> code) {
        this.job = job;
        this.executor = executor;
        this.context = context;
        this.code = code;
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public String executor() {
        return executor;
    }

    @Override
    public JobContext context() {
        return context;
    }

    @Override
    public void whenEnded(Consumer<Throwable> listener) {
        Throwable error;
        synchronized (this) {
            if (!ended) {
                listeners.add(listener);
                return;
            }
            error = endedWith;
        }
        tell(listener, error);
    }

    private void tell(Consumer<Throwable> listener, Throwable error) {
        try {
            listener.accept(error);
        } catch (RuntimeException e) {
            // a listener's failure is its own: the run's outcome and the other listeners stand
            log.error("A RunDecorator's listener failed at the end of a run of job '{}'", job.id(), e);
        }
    }

    @Override
    public void run() {
        if (invoked) {
            throw new IllegalStateException("a RunDecorator ran the run of job '" + job.id() + "' twice");
        }
        invoked = true;
        try {
            result = code.call();
        } catch (Throwable e) {
            failure = e;
        }
    }

    /**
     * Runs the decorated runnable and answers what the job's code returned. @throws Throwable what the code threw, or
     * an {@link IllegalStateException} when a decorator did not run it
     */
    Object call(Runnable decorated) throws Throwable {
        decorated.run();
        if (!invoked) {
            throw new IllegalStateException("a RunDecorator did not run the run of job '" + job.id() + "'");
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** The run ended: succeeded ({@code error} {@code null}) or failed. A listener that throws is logged. */
    void end(Throwable error) {
        List<Consumer<Throwable>> toCall;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            endedWith = error;
            toCall = List.copyOf(listeners);
            listeners.clear();
        }
        for (Consumer<Throwable> listener : toCall) {
            tell(listener, error);
        }
    }
}
