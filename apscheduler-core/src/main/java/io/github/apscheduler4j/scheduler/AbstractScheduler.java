package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobChanges;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's API over its parts, once: APScheduler's {@code BaseScheduler}. Each part has a class of its own:
 * where the scheduler is in its life ({@link SchedulerStatus}), its lock ({@link SchedulerLock}), the stores and
 * executors that start and stop with it ({@link SchedulerComponents}, each kind by alias in a
 * {@link ComponentRegistry}), the processing pass ({@link ProcessingPass}, run for the loop by a {@link PassRunner}),
 * where jobs are before and after start ({@link JobDirectory}), the making of jobs from specs
 * ({@link JobSpecResolver}), declared jobs against their stored form ({@link JobReconciler}) and each claimed run's
 * outcome ({@link RunSupervisor}). How the processing loop runs and waits is the {@link SchedulerLoop} a subclass
 * passes in; the subclasses are a few lines each.
 */
public abstract class AbstractScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);

    private final SchedulerConfig config;
    private final EventDispatcher dispatcher = new EventDispatcher();
    private final SchedulerLoop loop;
    private final SchedulerLock lock = new SchedulerLock();
    private final SchedulerComponents components;
    private final ComponentRegistry<JobStore> jobstores;
    private final ComponentRegistry<JobExecutor> executors;
    private final JobDirectory jobs;
    private final JobSpecResolver specs;
    private final JobReconciler reconciler;
    private final RunSupervisor runs;
    private final ProcessingPass pass;
    private final PassRunner passes;
    private final SchedulerStatus status = new SchedulerStatus();

    protected AbstractScheduler(SchedulerConfig config, SchedulerLoop loop) {
        this.config = config;
        this.loop = loop;
        this.components = new SchedulerComponents(config, this::wakeup, this::dispatch);
        this.jobstores = components.stores();
        this.executors = components.executors();
        this.jobs = new JobDirectory(jobstores);
        this.specs = new JobSpecResolver(config);
        this.reconciler = new JobReconciler(specs, this::now);
        this.runs = new RunSupervisor(config, this::dispatch, this::jobStores,
                alias -> lock.call(() -> executors.get(alias)), this::runnableHere, status::isRunning);
        dispatcher.add(runs, EventMask.JOB_EXECUTION);
        this.pass = new ProcessingPass(config, executors, dispatcher, runs);
        dispatcher.add(pass.wakingWhenWorkersFree(this::wakeup), EventMask.JOB_EXECUTION);
        this.passes = new PassRunner(config, pass, jobstores, lock, status::state, this::dispatch);
    }

    public SchedulerConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void start(boolean paused) {
        List<SchedulerEvent> added = new ArrayList<>();
        lock.run(() -> {
            status.requireStopped();
            components.startAll();
            for (PendingJobs.PendingJob job : jobs.pending().drain()) {
                added.add(jobs.addToStore(executors, job.job(), job.computeNextRunTime(), job.replaceExisting(), now())
                        .event());
            }
            status.started(paused);
            log.info("Scheduler started");
        });
        added.forEach(this::dispatch);
        runs.start(loop.heartbeatOnTimer());
        dispatch(new SchedulerEvent.SchedulerStarted());
        loop.start(this);
    }

    @Override
    public void shutdown(boolean wait) {
        shutdown(executor -> {
            executor.shutdown(wait);
            return true;
        });
    }

    @Override
    public boolean shutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        // a deadline for the executors together, on the system's ticker: the scheduler's clock may be a test's
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean finished = shutdown(executor -> executor.shutdown(Duration.ofNanos(deadline - System.nanoTime())));
        if (!finished) {
            log.warn("Runs were still under way {} after the scheduler was told to shut down; no longer waiting for"
                    + " them: their leases run out, and a live instance recovers them as their jobs' recovery says",
                    timeout);
        }
        return finished;
    }

    private boolean shutdown(Predicate<JobExecutor> stopExecutor) {
        SchedulerComponents.Stopping toStop = lock.call(() -> {
            status.shutDown();
            return components.toStop();
        });
        // outside the lock: a running job may need it to finish
        boolean finished = toStop.stopExecutors(runs::handBack, stopExecutor);
        runs.stop();
        toStop.stopStores();
        log.info("Scheduler has been shut down");
        dispatch(new SchedulerEvent.SchedulerShutdown());
        loop.stop();
        return finished;
    }

    @Override
    public void pause() {
        switchState(SchedulerState.RUNNING, SchedulerState.PAUSED, "Paused", new SchedulerEvent.SchedulerPaused());
    }

    @Override
    public void resume() {
        switchState(SchedulerState.PAUSED, SchedulerState.RUNNING, "Resumed", new SchedulerEvent.SchedulerResumed());
        wakeup();
    }

    private void switchState(SchedulerState from, SchedulerState to, String done, SchedulerEvent event) {
        if (status.change(from, to)) {
            log.info("{} scheduler job processing", done);
            dispatch(event);
        }
    }

    @Override
    public SchedulerState state() {
        return status.state();
    }

    @Override
    public ZoneId timezone() {
        return config.timezone();
    }

    @Override
    public void wakeup() {
        loop.wakeup();
    }

    // ---------------------------------------------------------------- the processing loop

    /**
     * One pass of the processing loop (APScheduler's {@code _process_jobs}): submits the due runs of every store's
     * due jobs, moves each job on to its next run time, and returns how long to wait until the next pass
     * ({@code null}: until woken).
     */
    public Duration processJobs() {
        return passes.run();
    }

    /**
     * How the last pass of the processing loop failed, or {@code null} when it succeeded (or none has run): what a
     * health check reports.
     */
    public PassFailure lastPassFailure() {
        return passes.lastFailure();
    }

    /**
     * Whether the processing loop can still run passes: false when its thread ended (or its event loop was shut down)
     * while the scheduler was not stopped, so that no job runs again; what a liveness check reports.
     */
    public boolean isLoopAlive() {
        return status.isStopped() || loop.isAlive();
    }

    @Override
    public Map<String, String> jobsNotRunnableHere() {
        return pass.unrunnableJobs();
    }

    /**
     * One heartbeat: renews the leases of the runs this instance holds and takes over, in every store, the runs whose
     * lease ran out (their instance died) or whose wait is over (a retry, a run handed back). The scheduler does this
     * every {@code lease_renewal_interval} by itself; a test on a mutable clock calls it.
     */
    public void superviseRuns() {
        runs.tick();
    }

    /** The loop stopped on its own while the scheduler runs: no pass will come, which health reports. */
    void loopEnded(Throwable reason) {
        passes.loopEnded(reason);
    }

    // ---------------------------------------------------------------- jobs

    @Override
    public JobHandle addJob(JobSpec spec) {
        if (status.isShutDown()) { // the message only then: a burst of adds should not build one each
            status.requireNotShutDown("job " + (spec.id() == null ? "" : "'" + spec.id() + "' ") + "not added");
        }
        Job job = specs.toJob(spec, now());
        boolean computeNextRunTime = !spec.paused() && spec.nextRunTime() == null;
        JobDirectory.Added added = lock.call(() -> {
            if (status.isStopped()) {
                jobs.pending().add(job, computeNextRunTime, spec.replaceExisting());
                log.info("Adding job tentatively -- it will be properly scheduled when the scheduler starts");
                return null;
            }
            return jobs.addToStore(executors, job, computeNextRunTime, spec.replaceExisting(), now());
        });
        if (added == null) {
            return new JobHandle(this, job.id(), null);
        }
        dispatch(added.event());
        // a loop already due to pass by the job's time is not woken: a burst of jobs added for later costs no pass each
        loop.wakeupBy(added.nextRunTime() == null ? null : added.nextRunTime().toInstant(), config.clock());
        return new JobHandle(this, job.id(), job.jobstore());
    }

    @Override
    public List<JobHandle> addJobs(List<JobSpec> specs) {
        status.requireNotShutDown("no job of the batch added");
        JobBatch batch = JobBatch.resolve(specs, this.specs, now());
        try {
            lock.call(() -> status.isStopped() ? batch.addPending(jobs.pending())
                    : batch.addToStores(executors, jobstores, jobs, now()));
        } finally {
            batch.reportAdded(this::dispatch, this::wakeup); // outside the lock; also when a later store's write failed
        }
        return batch.handles(this);
    }

    @Override
    public Reconciliation reconcileJob(JobSpec spec) {
        status.requireStarted("reconciling", JobReconciler.requireId(spec));
        JobReconciler.Result result = lock.call(() -> reconciler.reconcile(spec, executors, jobstores));
        result.report(spec, this::dispatch, this::wakeup);
        return result.outcome();
    }

    @Override
    public JobHandle modifyJob(String id, String jobstore, JobChanges changes) {
        return updateJob(id, jobstore, false, job -> {
            Job changed = specs.withResolvedTarget(changes.applyTo(job));
            if (!status.isStopped()) {
                executors.require(changed.executor(), id).checkJob(changed);
            }
            return changed;
        });
    }

    @Override
    public JobHandle rescheduleJob(String id, String jobstore, Trigger trigger) {
        // the time read as the write is made (again on each retry): a time read earlier could name a fire that another
        // instance claimed meanwhile, and writing it would run that fire twice
        return updateJob(id, jobstore, true, job -> job.toBuilder().trigger(trigger)
                .nextRunTime(trigger.nextFireTime(null, now())).build());
    }

    @Override
    public JobHandle rescheduleJob(String id, String jobstore, String triggerType, Map<String, ?> triggerArgs) {
        return rescheduleJob(id, jobstore, Triggers.create(triggerType, triggerArgs, timezone(), config.clock()));
    }

    @Override
    public JobHandle pauseJob(String id, String jobstore) {
        return updateJob(id, jobstore, true, job -> job.withNextRunTime(null));
    }

    @Override
    public JobHandle resumeJob(String id, String jobstore) {
        JobDirectory.Located located = lock.call(() -> jobs.locate(id, jobstore, status.isStopped()));
        if (located.job().trigger().nextFireTime(null, now()) == null) {
            removeJob(id, located.alias());
            return null;
        }
        // from the job as stored and the time as the write is made, as rescheduleJob does
        return updateJob(id, located.alias(), true, job -> job.withNextRunTime(job.trigger().nextFireTime(null, now())));
    }

    /**
     * @param setsNextRunTime whether the update decides the next run time (else a pending job still computes it at
     *     start)
     */
    private JobHandle updateJob(String id, String jobstore, boolean setsNextRunTime, UnaryOperator<Job> update) {
        String alias = lock.call(() -> jobs.update(id, jobstore, status.isStopped(), update,
                setsNextRunTime).alias());
        log.info("Modified job '{}'", id);
        dispatch(new SchedulerEvent.JobModified(id, alias));
        wakeup();
        return new JobHandle(this, id, alias);
    }

    @Override
    public void removeJob(String id, String jobstore) {
        String alias = lock.call(() -> {
            JobDirectory.Located located = jobs.locate(id, jobstore, status.isStopped());
            jobs.remove(located);
            return located.alias();
        });
        log.info("Removed job '{}'", id);
        dispatch(new SchedulerEvent.JobRemoved(id, alias));
    }

    @Override
    public void removeAllJobs(String jobstore) {
        lock.run(() -> jobs.removeAll(jobstore, status.isStopped()));
        dispatch(new SchedulerEvent.AllJobsRemoved(jobstore));
    }

    @Override
    public Job getJob(String id, String jobstore) {
        return sources(jobstore).find(id);
    }

    @Override
    public List<Job> getJobs(String jobstore) {
        return sources(jobstore).jobs();
    }

    @Override
    public void printJobs(String jobstore, PrintStream out) {
        JobDirectory.Sources sources = sources(jobstore);
        sources.print(out, status.isStopped());
    }

    /**
     * Where a read looks. While the scheduler runs, the stores are taken without the lock, which a pass holds across
     * its store calls, and asked without it: a slow store stalls no read of another store, health check or listing.
     * Before start, the pending jobs are copied under the lock (no pass runs then).
     */
    private JobDirectory.Sources sources(String jobstore) {
        if (!status.isStopped()) {
            return jobs.sources(jobstore, false);
        }
        return lock.call(() -> jobs.sources(jobstore, status.isStopped()));
    }

    @Override
    public boolean runJob(String id, String jobstore) {
        status.requireStarted("running", id);
        // read without the lock, as the other reads
        Job located = sources(jobstore).locate(id).job();
        Map.Entry<Job, JobExecutor> found = lock.call(() -> {
            status.requireStarted("running", id);
            JobExecutor executor = executors.require(located.executor(), id);
            return Map.entry(specs.withResolvedTarget(located), executor);
        });
        List<SchedulerEvent> events = new ArrayList<>(1);
        boolean submitted = ProcessingPass.submitNow(found.getValue(), found.getKey(), events);
        events.forEach(this::dispatch);
        return submitted;
    }

    // ---------------------------------------------------------------- stores, executors, listeners

    @Override
    public void addJobStore(String alias, JobStore store) {
        lock.run(() -> jobstores.add(alias, store, !status.isStopped()));
        dispatch(new SchedulerEvent.JobStoreAdded(alias));
        wakeup();
    }

    @Override
    public void removeJobStore(String alias, boolean shutdown) {
        JobStore store = lock.call(() -> jobstores.remove(alias));
        if (shutdown) {
            store.shutdown();
        }
        dispatch(new SchedulerEvent.JobStoreRemoved(alias));
    }

    @Override
    public void addExecutor(String alias, JobExecutor executor) {
        lock.run(() -> executors.add(alias, executor, !status.isStopped()));
        dispatch(new SchedulerEvent.ExecutorAdded(alias));
    }

    @Override
    public void removeExecutor(String alias, boolean shutdown) {
        JobExecutor executor = lock.call(() -> executors.remove(alias));
        if (shutdown) {
            executor.shutdown(true);
        }
        dispatch(new SchedulerEvent.ExecutorRemoved(alias));
    }

    @Override
    public Map<String, JobStore> jobStores() {
        return jobstores.snapshot();
    }

    @Override
    public Map<String, JobExecutor> executors() {
        return executors.snapshot();
    }

    @Override
    public void addListener(SchedulerListener listener, EventMask mask) {
        dispatcher.add(listener, mask);
    }

    @Override
    public void removeListener(SchedulerListener listener) {
        dispatcher.remove(listener);
    }

    /** The job with its target resolved when this instance can run it, else {@code null}: as a pass judges it. */
    private Job runnableHere(Job job) {
        return lock.call(() -> pass.runnableOrNull(job));
    }

    private void dispatch(SchedulerEvent event) {
        dispatcher.onEvent(event);
    }

    /** The current time, in the scheduler's zone, from its clock. */
    protected final ZonedDateTime now() {
        return ZonedDateTime.ofInstant(config.clock().instant(), timezone());
    }
}
