package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.job.InvalidJobTargetException;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobFunction;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every executor does the same way: counts the runs under way per job against {@code max_instances},
 * skips runs later than the misfire grace time, runs the job's function and reports each outcome
 * (APScheduler's {@code BaseExecutor} and {@code run_job}). Subclasses only start a run. Each run's code is called
 * with the run's {@link JobContext} as the running thread's {@link JobContext#current()}, and the thread's previous
 * context (none, on an executor's own thread) is put back when the code returns. The scheduler's
 * {@link RunDecorator}s ({@link ExecutorContext#runDecorator()}) wrap each run.
 */
public abstract class AbstractJobExecutor implements JobExecutor {

    private static final Logger log = LoggerFactory.getLogger(AbstractJobExecutor.class);
    private static final long PREFETCH_HORIZON_MILLIS = 50;

    // runs under way per job id; a map whose updates lock only the job's own bin, so that the scheduler's loop
    // counting a run in and a worker counting another one out seldom wait for each other
    private final ConcurrentHashMap<String, Integer> instances = new ConcurrentHashMap<>();
    private volatile ExecutorContext context;
    private volatile Predicate<JobSubmission> handBack;
    // the average run duration, for the prefetch; 0 until a run ended
    private volatile double averageRunNanos;
    // submissions counted in and not yet out, of every job
    private final AtomicInteger inFlight = new AtomicInteger();

    /** The context this executor was started with. @throws IllegalStateException before {@link #start} */
    protected final ExecutorContext context() {
        ExecutorContext current = context;
        if (current == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has not been started by a scheduler");
        }
        return current;
    }

    @Override
    public final void submit(Job job, List<ZonedDateTime> runTimes) {
        List<Refusal> refused = submitAll(List.of(new JobSubmission(job, runTimes)));
        if (!refused.isEmpty()) {
            throw refused.get(0).reason();
        }
    }

    @Override
    public final List<Refusal> submitAll(List<JobSubmission> submissions) {
        ExecutorContext current = context();
        List<Refusal> refused = new ArrayList<>(0);
        List<Runnable> runs = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            JobSubmission submission = submissions.get(i);
            try {
                runs.add(countIn(current, submission));
            } catch (RuntimeException e) {
                refused.add(new Refusal(i, e));
            }
        }
        if (runs.isEmpty()) {
            return refused;
        }
        try {
            execute(runs);
        } catch (RuntimeException e) {
            // none was started: every submission is refused, those counted in are counted out again
            List<Refusal> all = new ArrayList<>(submissions.size());
            int next = 0;
            for (int i = 0; i < submissions.size(); i++) {
                if (next < refused.size() && refused.get(next).index() == i) {
                    all.add(refused.get(next++));
                } else {
                    release(submissions.get(i).job().id());
                    all.add(new Refusal(i, e));
                }
            }
            return all;
        }
        return refused;
    }

    /** Counts a run of the job in and returns what runs its due runs. @throws MaxInstancesReachedException */
    private Runnable countIn(ExecutorContext current, JobSubmission submission) {
        Job job = submission.job();
        List<ZonedDateTime> runTimes = submission.runTimes();
        // throwing from the update leaves the count as it was
        instances.compute(job.id(), (id, running) -> {
            int count = running == null ? 0 : running;
            if (count >= job.maxInstances()) {
                throw new MaxInstancesReachedException(job);
            }
            return count + 1;
        });
        inFlight.incrementAndGet();
        // a copy that keeps the null that stands for "now" (which List.copyOf refuses); List.copyOf of the
        // scheduler's own unmodifiable list is that list
        List<ZonedDateTime> times = hasNull(runTimes) ? Collections.unmodifiableList(new ArrayList<>(runTimes))
                : List.copyOf(runTimes);
        return () -> {
            Predicate<JobSubmission> draining = handBack;
            if (draining != null && draining.test(submission)) {
                release(job.id());
                return;
            }
            runJob(current, job, times, submission.attempt(), 0, new ArrayList<>());
        };
    }

    // List.contains(null) throws on the unmodifiable lists of List.of
    private static boolean hasNull(List<ZonedDateTime> runTimes) {
        for (ZonedDateTime runTime : runTimes) {
            if (runTime == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts {@code runs} on this executor's threads, each of which runs one submission's due runs and reports
     * them. @throws RuntimeException when none could be started (the executor is shut down)
     */
    protected abstract void execute(List<Runnable> runs);

    @Override
    public void drain(Predicate<JobSubmission> handBack) {
        this.handBack = handBack;
    }

    @Override
    public void start(ExecutorContext context) {
        this.context = context;
        this.handBack = null;
    }

    @Override
    public int runningInstances(String jobId) {
        return instances.getOrDefault(jobId, 0);
    }

    private void release(String jobId) {
        instances.computeIfPresent(jobId, (id, running) -> running <= 1 ? null : running - 1);
        inFlight.decrementAndGet();
    }

    /** How many submissions run at once, or {@link Integer#MAX_VALUE} for no fixed number (the default). */
    protected int workers() {
        return Integer.MAX_VALUE;
    }

    /** How long the run that started at {@code startNanos} took; it counts into the average a prefetch is made from. */
    private Duration ran(long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        double average = averageRunNanos;
        // an exponentially weighted average: recent runs count most, a racy update loses one sample at worst
        averageRunNanos = average == 0 ? nanos : average + (nanos - average) * 0.1;
        return Duration.ofNanos(nanos);
    }

    /**
     * As many runs as its workers get through in {@value #PREFETCH_HORIZON_MILLIS} ms at the average run duration seen,
     * between 1 and four per worker ({@code workers} before any run): what a scheduler may claim beyond the free
     * workers, so that quick runs are claimed in batches and slow ones are left to idle instances.
     */
    @Override
    public int prefetch() {
        int workers = workers();
        if (workers == Integer.MAX_VALUE) {
            return workers;
        }
        double average = averageRunNanos;
        if (average == 0) {
            return workers;
        }
        double perWorker = PREFETCH_HORIZON_MILLIS * 1e6 / average;
        return (int) Math.max(1, Math.min(4L * workers, Math.round(workers * perWorker)));
    }

    @Override
    public int freeSlots() {
        int workers = workers();
        return workers == Integer.MAX_VALUE ? workers : workers - inFlight.get();
    }

    /**
     * Runs the job's due runs from {@code from} on, APScheduler's {@code run_job}, collecting their outcome events,
     * then counts the submission out and reports the events (in that order, as APScheduler does, so that a listener
     * may run the job again at once). A run
     * whose result is asynchronous counts as running until that result completes; the remaining runs follow it
     * on the thread that completes it, so no thread waits.
     */
    private void runJob(ExecutorContext context, Job job, List<ZonedDateTime> runTimes, int attempt, int from,
            List<SchedulerEvent> events) {
        for (int i = from; i < runTimes.size(); i++) {
            ZonedDateTime runTime = runTimes.get(i);
            ZonedDateTime started = ZonedDateTime.ofInstant(context.clock().instant(), context.timezone());
            if (runTime != null && job.misfireGraceTime() != null) {
                Duration lateness = Duration.between(runTime, started);
                if (lateness.compareTo(job.misfireGraceTime()) > 0) {
                    log.warn("Run of job '{}' scheduled at {} was missed by {}: it is later than its misfire grace time ({})"
                            + " allows", job.id(), runTime, lateness, job.misfireGraceTime());
                    events.add(new SchedulerEvent.JobMissed(job.id(), job.jobstore(), runTime, lateness));
                    continue;
                }
            }
            if (log.isDebugEnabled()) {
                // three arguments make an array, which a run at INFO need not pay for
                log.debug("Running job '{}' ({}), scheduled at {}", job.id(), job.name(), runTime == null ? "now" : runTime);
            }
            long startNanos = System.nanoTime();
            JobContext jobContext = new JobContext(job.id(), job.jobstore(), runTime, started, attempt,
                    context.instanceId());
            Callable<Object> code = () -> JobContext.callWith(jobContext, () -> invoke(job, jobContext));
            RunDecorator decorator = context.runDecorator();
            DecoratedRun decorated = decorator == null ? null
                    : new DecoratedRun(job, context.alias(), jobContext, code);
            Object result;
            try {
                result = decorated == null ? code.call() : decorated.call(decorator.decorate(decorated, decorated));
            } catch (Throwable e) {
                ended(decorated, e);
                events.add(failed(job, runTime, started, startNanos, e));
                if (e instanceof VirtualMachineError fatal) {
                    finish(context, job, events);
                    throw fatal;
                }
                continue;
            }
            CompletionStage<?> stage = AsyncResults.toStage(result);
            if (stage == null) {
                ended(decorated, null);
                events.add(succeeded(job, runTime, started, startNanos, result));
                continue;
            }
            int next = i + 1;
            stage.whenComplete((value, failure) -> {
                Throwable error = failure == null ? null : AsyncResults.unwrap(failure);
                ended(decorated, error);
                if (error == null) {
                    events.add(succeeded(job, runTime, started, startNanos, value));
                } else {
                    events.add(failed(job, runTime, started, startNanos, error));
                }
                runJob(context, job, runTimes, attempt, next, events);
            });
            return;
        }
        finish(context, job, events);
    }

    /** Tells the decorators' listeners how the run ended, before its outcome event is reported. */
    private static void ended(DecoratedRun decorated, Throwable error) {
        if (decorated != null) {
            decorated.end(error);
        }
    }

    private void finish(ExecutorContext context, Job job, List<SchedulerEvent> events) {
        release(job.id());
        for (SchedulerEvent event : events) {
            publish(context, event);
        }
    }

    /**
     * Runs the job's function once and returns its result; the process pool runs it in a worker JVM instead. It is
     * called with {@code context} already the calling thread's {@link JobContext#current()}.
     *
     * @param context the run's identity, which the process pool hands to its worker
     */
    protected Object invoke(Job job, JobContext context) throws Exception {
        JobFunction function = job.target().function();
        if (function == null) {
            throw new InvalidJobTargetException("job '" + job.id() + "': target '" + job.target() + "' was not resolved");
        }
        return function.invoke(job.args(), job.kwargs());
    }

    private SchedulerEvent succeeded(Job job, ZonedDateTime runTime, ZonedDateTime started, long startNanos,
            Object result) {
        Duration duration = ran(startNanos);
        log.debug("Job '{}' executed successfully in {}", job.id(), duration);
        return new SchedulerEvent.JobExecuted(job.id(), job.jobstore(), runTime, started, duration, result);
    }

    private SchedulerEvent failed(Job job, ZonedDateTime runTime, ZonedDateTime started, long startNanos,
            Throwable failure) {
        Duration duration = ran(startNanos);
        log.error("Job '{}' ({}) raised an exception", job.id(), job.name(), failure);
        return new SchedulerEvent.JobError(job.id(), job.jobstore(), runTime, started, duration, failure);
    }

    private static void publish(ExecutorContext context, SchedulerEvent event) {
        context.events().onEvent(event);
    }
}
