package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.ExecutorContext;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.JobSubmission;
import io.github.apscheduler4j.executor.MaxInstancesReachedException;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.InvalidJobTargetException;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobChanges;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobAdvance;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.MemoryJobStore;
import io.github.apscheduler4j.trigger.DateTrigger;
import io.github.apscheduler4j.trigger.Trigger;
import io.github.apscheduler4j.trigger.Triggers;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of the scheduler's logic, once: APScheduler's {@code BaseScheduler}. How the processing loop runs and waits
 * is the {@link SchedulerLoop} a subclass passes in; the subclasses are a few lines each.
 */
public abstract class AbstractScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);
    // due jobs claimed per call to the store: large enough that a database claims many in one round trip, small
    // enough that the first of a large backlog starts soon
    private static final int CLAIM_BATCH = 256;

    private final SchedulerConfig config;
    private final EventDispatcher dispatcher = new EventDispatcher();
    private final SchedulerLoop loop;
    // guards the stores, executors and pending jobs; reentrant so that a job run in-thread may call the API
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, JobStore> jobstores = new LinkedHashMap<>();
    private final Map<String, JobExecutor> executors = new LinkedHashMap<>();
    private final List<PendingJob> pendingJobs = new ArrayList<>();
    private volatile SchedulerState state = SchedulerState.STOPPED;

    /** A job added before start: its next run time is computed when it is really added. */
    private record PendingJob(Job job, boolean computeNextRunTime, boolean replaceExisting) {
    }

    protected AbstractScheduler(SchedulerConfig config, SchedulerLoop loop) {
        this.config = config;
        this.loop = loop;
        config.jobstores().forEach(jobstores::put);
        config.executors().forEach(executors::put);
    }

    public SchedulerConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void start(boolean paused) {
        List<SchedulerEvent> added = new ArrayList<>();
        lock.lock();
        try {
            if (state != SchedulerState.STOPPED) {
                throw new IllegalStateException("Scheduler is already running");
            }
            executors.putIfAbsent(SchedulerConfig.DEFAULT_ALIAS, new ThreadPoolJobExecutor());
            jobstores.putIfAbsent(SchedulerConfig.DEFAULT_ALIAS, new MemoryJobStore());
            executors.forEach(this::startExecutor);
            jobstores.forEach(this::startJobStore);
            List<PendingJob> pending = new ArrayList<>(pendingJobs);
            pendingJobs.clear();
            for (PendingJob job : pending) {
                added.add(realAddJob(job.job(), job.computeNextRunTime(), job.replaceExisting()));
            }
            state = paused ? SchedulerState.PAUSED : SchedulerState.RUNNING;
            log.info("Scheduler started");
        } finally {
            lock.unlock();
        }
        added.forEach(this::dispatch);
        dispatch(new SchedulerEvent.SchedulerStarted());
        loop.start(this);
    }

    @Override
    public void shutdown(boolean wait) {
        List<JobExecutor> toStop;
        List<JobStore> storesToStop;
        lock.lock();
        try {
            if (state == SchedulerState.STOPPED) {
                throw new IllegalStateException("Scheduler is not running");
            }
            state = SchedulerState.STOPPED;
            toStop = new ArrayList<>(executors.values());
            storesToStop = new ArrayList<>(jobstores.values());
        } finally {
            lock.unlock();
        }
        // outside the lock: a running job may need it to finish
        for (JobExecutor executor : toStop) {
            executor.shutdown(wait);
        }
        for (JobStore store : storesToStop) {
            store.shutdown();
        }
        log.info("Scheduler has been shut down");
        dispatch(new SchedulerEvent.SchedulerShutdown());
        loop.stop();
    }

    @Override
    public void pause() {
        if (state == SchedulerState.STOPPED) {
            throw new IllegalStateException("Scheduler is not running");
        }
        if (state == SchedulerState.RUNNING) {
            state = SchedulerState.PAUSED;
            log.info("Paused scheduler job processing");
            dispatch(new SchedulerEvent.SchedulerPaused());
        }
    }

    @Override
    public void resume() {
        if (state == SchedulerState.STOPPED) {
            throw new IllegalStateException("Scheduler is not running");
        }
        if (state == SchedulerState.PAUSED) {
            state = SchedulerState.RUNNING;
            log.info("Resumed scheduler job processing");
            dispatch(new SchedulerEvent.SchedulerResumed());
            wakeup();
        }
    }

    @Override
    public SchedulerState state() {
        return state;
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
        if (state != SchedulerState.RUNNING) {
            return null;
        }
        ZonedDateTime now = now();
        Instant nextWakeup = null;
        List<SchedulerEvent> events = new ArrayList<>();
        lock.lock();
        try {
            if (state != SchedulerState.RUNNING) {
                // shut down or paused since the check above: claiming runs now would hand them to stopped executors
                return null;
            }
            for (Map.Entry<String, JobStore> entry : jobstores.entrySet()) {
                Instant storeWakeup = processStore(entry.getKey(), entry.getValue(), now, events);
                if (entry.getValue().isShared()) {
                    // other instances may add or change jobs here at any time
                    Instant poll = now.toInstant().plus(config.storePollInterval());
                    storeWakeup = storeWakeup == null || poll.isBefore(storeWakeup) ? poll : storeWakeup;
                }
                if (storeWakeup != null && (nextWakeup == null || storeWakeup.isBefore(nextWakeup))) {
                    nextWakeup = storeWakeup;
                }
            }
        } finally {
            lock.unlock();
        }
        events.forEach(this::dispatch);
        if (state != SchedulerState.RUNNING || nextWakeup == null) {
            log.debug("No jobs to run; waiting until woken");
            return null;
        }
        Duration wait = Duration.between(now.toInstant(), nextWakeup);
        log.debug("Next wakeup is due at {} (in {})", nextWakeup.atZone(timezone()), wait);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private Instant processStore(String alias, JobStore store, ZonedDateTime now, List<SchedulerEvent> events) {
        Instant retry = now.toInstant().plus(config.jobstoreRetryInterval());
        List<Job> dueJobs;
        try {
            dueJobs = store.dueJobs(now.toInstant());
        } catch (RuntimeException e) {
            log.warn("Error getting due jobs from job store '{}'; retrying in {}", alias, config.jobstoreRetryInterval(),
                    e);
            return retry;
        }
        for (int from = 0; from < dueJobs.size(); from += CLAIM_BATCH) {
            List<Job> batch = dueJobs.subList(from, Math.min(from + CLAIM_BATCH, dueJobs.size()));
            try {
                processDueJobs(alias, store, batch, now, events);
            } catch (RuntimeException e) {
                log.warn("Error processing due jobs of job store '{}'; retrying in {}", alias,
                        config.jobstoreRetryInterval(), e);
                return retry;
            }
        }
        try {
            return store.nextRunTime();
        } catch (RuntimeException e) {
            log.warn("Error getting the next run time from job store '{}'; retrying in {}", alias,
                    config.jobstoreRetryInterval(), e);
            return retry;
        }
    }

    /** A due job's runs, claimed together with the other jobs of its batch before any of them is submitted. */
    private record DueJob(JobExecutor executor, JobSubmission submission, JobAdvance advance) {
    }

    /**
     * Claims a batch of due jobs in one {@link JobStore#advanceJobs} call (one lock, or one round trip to a
     * database) and submits the runs of each job whose claim won.
     */
    private void processDueJobs(String alias, JobStore store, List<Job> jobs, ZonedDateTime now,
            List<SchedulerEvent> events) {
        List<DueJob> due = new ArrayList<>(jobs.size());
        List<JobAdvance> advances = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            JobExecutor executor = executors.get(job.executor());
            if (executor == null) {
                // APScheduler removes such a job; we keep it, paused, so that nothing stored is lost
                log.error("Executor '{}' of job '{}' does not exist; pausing the job (known executors: {})",
                        job.executor(), job.id(), executors.keySet());
                store.updateJob(job.withNextRunTime(null));
                events.add(new SchedulerEvent.JobModified(job.id(), alias));
                continue;
            }
            // the due run times, and the fire time after the last of them, found in one search of the trigger
            Job.DueRuns runs = job.dueRuns(now);
            if (!runs.runTimes().isEmpty()) {
                JobAdvance advance = new JobAdvance(job, runs.nextRunTime());
                due.add(new DueJob(executor, new JobSubmission(job, runs.runTimes()), advance));
                advances.add(advance);
            }
        }
        if (advances.isEmpty()) {
            return;
        }
        List<JobAdvance> won = store.advanceJobs(advances);
        // the advances won are the same instances, in the same order: walk both lists together
        List<DueJob> claimed = new ArrayList<>(won.size());
        int next = 0;
        for (DueJob job : due) {
            if (next < won.size() && won.get(next) == job.advance()) {
                next++;
                claimed.add(job);
            } else {
                log.debug("Job '{}' was changed or claimed elsewhere since it was read; skipping it",
                        job.advance().due().id());
            }
        }
        // each run of consecutive jobs on one executor is handed to it at once
        for (int from = 0; from < claimed.size();) {
            JobExecutor executor = claimed.get(from).executor();
            int to = from + 1;
            while (to < claimed.size() && claimed.get(to).executor() == executor) {
                to++;
            }
            submit(alias, executor, claimed.subList(from, to), events);
            from = to;
        }
    }

    private void submit(String alias, JobExecutor executor, List<DueJob> jobs, List<SchedulerEvent> events) {
        List<JobSubmission> submissions = new ArrayList<>(jobs.size());
        for (DueJob job : jobs) {
            submissions.add(job.submission());
        }
        List<JobExecutor.Refusal> refused = executor.submitAll(submissions);
        boolean reportSubmitted = dispatcher.wants(EventType.JOB_SUBMITTED);
        boolean reportRemoved = dispatcher.wants(EventType.JOB_REMOVED);
        int next = 0;
        for (int i = 0; i < submissions.size(); i++) {
            JobSubmission submission = submissions.get(i);
            Job job = submission.job();
            List<ZonedDateTime> runTimes = submission.runTimes();
            if (next < refused.size() && refused.get(next).submission() == submission) {
                refused(alias, job, runTimes, refused.get(next++).reason(), events);
            } else {
                if (log.isDebugEnabled()) {
                    log.debug("Job '{}' due at {}: submitted {} run(s) to executor '{}'", job.id(), runTimes.get(0),
                            runTimes.size(), job.executor());
                }
                if (reportSubmitted) {
                    events.add(new SchedulerEvent.JobSubmitted(job.id(), alias, runTimes));
                }
            }
            ZonedDateTime nextRunTime = jobs.get(i).advance().nextRunTime();
            if (nextRunTime == null) {
                log.info("Removed job '{}': its trigger has no more fire times", job.id());
                if (reportRemoved) {
                    events.add(new SchedulerEvent.JobRemoved(job.id(), alias));
                }
            } else {
                log.debug("Job '{}' next runs at {}", job.id(), nextRunTime);
            }
        }
    }

    private static void refused(String alias, Job job, List<ZonedDateTime> runTimes, RuntimeException reason,
            List<SchedulerEvent> events) {
        if (reason instanceof MaxInstancesReachedException) {
            log.warn("Run of job '{}' scheduled at {} skipped: its maximum number of running instances ({}) is reached",
                    job.id(), runTimes.get(runTimes.size() - 1), job.maxInstances());
            events.add(new SchedulerEvent.JobMaxInstances(job.id(), alias, runTimes, job.maxInstances()));
        } else {
            log.error("Error submitting job '{}' to executor '{}'", job.id(), job.executor(), reason);
        }
    }

    // ---------------------------------------------------------------- jobs

    @Override
    public JobHandle addJob(JobSpec spec) {
        ZonedDateTime now = now();
        Trigger trigger = spec.trigger();
        if (trigger == null) {
            trigger = spec.triggerType() != null
                    ? Triggers.create(spec.triggerType(), spec.triggerArgs(), timezone(), config.clock())
                    : DateTrigger.at(now);
        }
        Job.Builder builder = Job.builder()
                .id(spec.id() != null ? spec.id() : UUID.randomUUID().toString().replace("-", ""))
                .target(resolve(spec.target()))
                .trigger(trigger)
                .args(spec.args())
                .kwargs(spec.kwargs())
                .executor(spec.executor() != null ? spec.executor() : SchedulerConfig.DEFAULT_ALIAS)
                .defaults(config.jobDefaults())
                .nextRunTime(spec.paused() ? null : spec.nextRunTime());
        if (spec.name() != null) {
            builder.name(spec.name());
        }
        if (spec.coalesce() != null) {
            builder.coalesce(spec.coalesce());
        }
        if (spec.maxInstances() != null) {
            builder.maxInstances(spec.maxInstances());
        }
        if (spec.misfireGraceTimeSet()) {
            builder.misfireGraceTime(spec.misfireGraceTime());
        }
        String jobstore = spec.jobstore() != null ? spec.jobstore() : SchedulerConfig.DEFAULT_ALIAS;
        Job job = builder.jobstore(jobstore).build();
        boolean computeNextRunTime = !spec.paused() && spec.nextRunTime() == null;
        SchedulerEvent added;
        lock.lock();
        try {
            if (state == SchedulerState.STOPPED) {
                if (!spec.replaceExisting() && pendingJobs.stream().anyMatch(p -> p.job().id().equals(job.id()))) {
                    throw new ConflictingIdException(job.id());
                }
                pendingJobs.removeIf(p -> p.job().id().equals(job.id()));
                pendingJobs.add(new PendingJob(job, computeNextRunTime, spec.replaceExisting()));
                log.info("Adding job tentatively -- it will be properly scheduled when the scheduler starts");
                return new JobHandle(this, job.id(), null);
            }
            added = realAddJob(job, computeNextRunTime, spec.replaceExisting());
        } finally {
            lock.unlock();
        }
        dispatch(added);
        wakeup();
        return new JobHandle(this, job.id(), jobstore);
    }

    private JobTarget resolve(JobTarget target) {
        if (target.isResolved()) {
            return target;
        }
        JobFunction function = config.targetResolver().resolve(target.reference());
        if (function == null) {
            throw new InvalidJobTargetException("job target '" + target.reference()
                    + "': no resolver handles references of this form");
        }
        return JobTarget.of(target.reference(), function);
    }

    /** Adds a job to its store; returns the event to dispatch once the lock is released. */
    private SchedulerEvent realAddJob(Job job, boolean computeNextRunTime, boolean replaceExisting) {
        requireExecutor(job.executor(), job.id()).checkJob(job);
        JobStore store = requireJobStore(job.jobstore());
        Job toStore = computeNextRunTime ? job.withNextRunTime(job.trigger().nextFireTime(null, now())) : job;
        try {
            store.addJob(toStore);
        } catch (ConflictingIdException e) {
            if (!replaceExisting) {
                throw e;
            }
            store.updateJob(toStore);
        }
        log.info("Added job '{}' to job store '{}': {}", toStore.id(), toStore.jobstore(), toStore);
        return new SchedulerEvent.JobAdded(toStore.id(), toStore.jobstore());
    }

    @Override
    public JobHandle modifyJob(String id, String jobstore, JobChanges changes) {
        return updateJob(id, jobstore, false, job -> {
            Job changed = changes.applyTo(job);
            if (!changed.target().isResolved()) {
                changed = changed.withTarget(resolve(changed.target()));
            }
            if (state != SchedulerState.STOPPED) {
                requireExecutor(changed.executor(), id).checkJob(changed);
            }
            return changed;
        });
    }

    @Override
    public JobHandle rescheduleJob(String id, String jobstore, Trigger trigger) {
        ZonedDateTime next = trigger.nextFireTime(null, now());
        return updateJob(id, jobstore, true, job -> job.toBuilder().trigger(trigger).nextRunTime(next).build());
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
        Located located;
        lock.lock();
        try {
            located = locate(id, jobstore);
        } finally {
            lock.unlock();
        }
        ZonedDateTime next = located.job().trigger().nextFireTime(null, now());
        if (next == null) {
            removeJob(id, located.alias());
            return null;
        }
        return updateJob(id, located.alias(), true, job -> job.withNextRunTime(next));
    }

    private interface JobUpdate {
        Job apply(Job job);
    }

    /** @param setsNextRunTime whether the update decides the next run time (else a pending job still computes it at start) */
    private JobHandle updateJob(String id, String jobstore, boolean setsNextRunTime, JobUpdate update) {
        String alias;
        lock.lock();
        try {
            Located located = locate(id, jobstore);
            Job changed = update.apply(located.job());
            alias = located.alias();
            if (alias == null) {
                int index = indexOfPending(id);
                PendingJob pending = pendingJobs.get(index);
                pendingJobs.set(index, new PendingJob(changed, pending.computeNextRunTime() && !setsNextRunTime,
                        pending.replaceExisting()));
            } else {
                jobstores.get(alias).updateJob(changed);
            }
        } finally {
            lock.unlock();
        }
        log.info("Modified job '{}'", id);
        dispatch(new SchedulerEvent.JobModified(id, alias));
        wakeup();
        return new JobHandle(this, id, alias);
    }

    @Override
    public void removeJob(String id, String jobstore) {
        String alias;
        lock.lock();
        try {
            Located located = locate(id, jobstore);
            alias = located.alias();
            if (alias == null) {
                pendingJobs.remove(indexOfPending(id));
            } else {
                jobstores.get(alias).removeJob(id);
            }
        } finally {
            lock.unlock();
        }
        log.info("Removed job '{}'", id);
        dispatch(new SchedulerEvent.JobRemoved(id, alias));
    }

    @Override
    public void removeAllJobs(String jobstore) {
        lock.lock();
        try {
            if (state == SchedulerState.STOPPED) {
                pendingJobs.removeIf(p -> jobstore == null || jobstore.equals(p.job().jobstore()));
            }
            for (Map.Entry<String, JobStore> entry : jobstores.entrySet()) {
                if (jobstore == null || jobstore.equals(entry.getKey())) {
                    entry.getValue().removeAllJobs();
                }
            }
        } finally {
            lock.unlock();
        }
        dispatch(new SchedulerEvent.AllJobsRemoved(jobstore));
    }

    @Override
    public Job getJob(String id, String jobstore) {
        lock.lock();
        try {
            return locate(id, jobstore).job();
        } catch (JobLookupException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Job> getJobs(String jobstore) {
        lock.lock();
        try {
            List<Job> jobs = new ArrayList<>();
            if (state == SchedulerState.STOPPED) {
                pendingJobs.stream()
                        .map(PendingJob::job)
                        .filter(job -> jobstore == null || jobstore.equals(job.jobstore()))
                        .forEach(jobs::add);
            }
            for (Map.Entry<String, JobStore> entry : jobstores.entrySet()) {
                if (jobstore == null || jobstore.equals(entry.getKey())) {
                    jobs.addAll(entry.getValue().allJobs());
                }
            }
            return jobs;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void printJobs(String jobstore, PrintStream out) {
        lock.lock();
        try {
            if (state == SchedulerState.STOPPED) {
                out.println("Pending jobs:");
                printLines(out, pendingJobs.stream().map(PendingJob::job)
                        .filter(job -> jobstore == null || jobstore.equals(job.jobstore())).toList(), "No pending jobs");
            } else {
                for (Map.Entry<String, JobStore> entry : jobstores.entrySet()) {
                    if (jobstore == null || jobstore.equals(entry.getKey())) {
                        out.println("Jobstore " + entry.getKey() + ":");
                        printLines(out, entry.getValue().allJobs(), "No scheduled jobs");
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static void printLines(PrintStream out, List<Job> jobs, String none) {
        if (jobs.isEmpty()) {
            out.println("    " + none);
        }
        jobs.forEach(job -> out.println("    " + job));
    }

    @Override
    public boolean runJob(String id, String jobstore) {
        Job job;
        JobExecutor executor;
        lock.lock();
        try {
            if (state == SchedulerState.STOPPED) {
                throw new IllegalStateException("Scheduler is not running: start it before running job '" + id + "'");
            }
            Located located = locate(id, jobstore);
            job = located.job();
            executor = requireExecutor(job.executor(), id);
        } finally {
            lock.unlock();
        }
        List<ZonedDateTime> now = Collections.singletonList(null);
        try {
            executor.submit(job, now);
        } catch (MaxInstancesReachedException e) {
            log.warn("Run now of job '{}' skipped: its maximum number of running instances ({}) is reached", id,
                    job.maxInstances());
            dispatch(new SchedulerEvent.JobMaxInstances(id, job.jobstore(), now, job.maxInstances()));
            return false;
        }
        log.info("Job '{}' submitted to run now", id);
        dispatch(new SchedulerEvent.JobSubmitted(id, job.jobstore(), now));
        return true;
    }

    private record Located(Job job, String alias) {
    }

    /** Finds a job among the pending ones (alias {@code null}) and in the stores. */
    private Located locate(String id, String jobstore) {
        if (state == SchedulerState.STOPPED) {
            for (PendingJob pending : pendingJobs) {
                if (pending.job().id().equals(id) && (jobstore == null || jobstore.equals(pending.job().jobstore()))) {
                    return new Located(pending.job(), null);
                }
            }
        }
        for (Map.Entry<String, JobStore> entry : jobstores.entrySet()) {
            if (jobstore == null || jobstore.equals(entry.getKey())) {
                Job job = entry.getValue().lookupJob(id);
                if (job != null) {
                    return new Located(job, entry.getKey());
                }
            }
        }
        throw new JobLookupException(id);
    }

    private int indexOfPending(String id) {
        for (int i = 0; i < pendingJobs.size(); i++) {
            if (pendingJobs.get(i).job().id().equals(id)) {
                return i;
            }
        }
        throw new JobLookupException(id);
    }

    // ---------------------------------------------------------------- stores, executors, listeners

    @Override
    public void addJobStore(String alias, JobStore store) {
        lock.lock();
        try {
            SchedulerConfig.Builder.requireAlias(alias, "job store");
            if (jobstores.containsKey(alias)) {
                throw new IllegalArgumentException("This scheduler already has a job store by the alias of \"" + alias
                        + "\"");
            }
            jobstores.put(alias, store);
            if (state != SchedulerState.STOPPED) {
                startJobStore(alias, store);
            }
        } finally {
            lock.unlock();
        }
        dispatch(new SchedulerEvent.JobStoreAdded(alias));
        wakeup();
    }

    @Override
    public void removeJobStore(String alias, boolean shutdown) {
        JobStore store;
        lock.lock();
        try {
            store = requireJobStore(alias);
            jobstores.remove(alias);
        } finally {
            lock.unlock();
        }
        if (shutdown) {
            store.shutdown();
        }
        dispatch(new SchedulerEvent.JobStoreRemoved(alias));
    }

    @Override
    public void addExecutor(String alias, JobExecutor executor) {
        lock.lock();
        try {
            SchedulerConfig.Builder.requireAlias(alias, "executor");
            if (executors.containsKey(alias)) {
                throw new IllegalArgumentException("This scheduler already has an executor by the alias of \"" + alias
                        + "\"");
            }
            executors.put(alias, executor);
            if (state != SchedulerState.STOPPED) {
                startExecutor(alias, executor);
            }
        } finally {
            lock.unlock();
        }
        dispatch(new SchedulerEvent.ExecutorAdded(alias));
    }

    @Override
    public void removeExecutor(String alias, boolean shutdown) {
        JobExecutor executor;
        lock.lock();
        try {
            executor = requireExecutor(alias, null);
            executors.remove(alias);
        } finally {
            lock.unlock();
        }
        if (shutdown) {
            executor.shutdown(true);
        }
        dispatch(new SchedulerEvent.ExecutorRemoved(alias));
    }

    @Override
    public Map<String, JobStore> jobStores() {
        lock.lock();
        try {
            return Collections.unmodifiableMap(new LinkedHashMap<>(jobstores));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, JobExecutor> executors() {
        lock.lock();
        try {
            return Collections.unmodifiableMap(new LinkedHashMap<>(executors));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void addListener(SchedulerListener listener, EventMask mask) {
        dispatcher.add(listener, mask);
    }

    @Override
    public void removeListener(SchedulerListener listener) {
        dispatcher.remove(listener);
    }

    private void startExecutor(String alias, JobExecutor executor) {
        executor.start(new ExecutorContext(alias, config.clock(), timezone(), this::dispatch));
    }

    private void startJobStore(String alias, JobStore store) {
        store.start(new JobStoreContext(alias, config.targetResolver(), timezone(), config.clock(), config.instanceId(),
                this::wakeup));
    }

    private JobStore requireJobStore(String alias) {
        JobStore store = jobstores.get(alias);
        if (store == null) {
            throw new IllegalArgumentException("No such job store: '" + alias + "' (known job stores: "
                    + jobstores.keySet() + ")");
        }
        return store;
    }

    private JobExecutor requireExecutor(String alias, String jobId) {
        JobExecutor executor = executors.get(alias);
        if (executor == null) {
            throw new IllegalArgumentException("No such executor: '" + alias + "'"
                    + (jobId == null ? "" : " (named by job '" + jobId + "')") + "; known executors: "
                    + executors.keySet());
        }
        return executor;
    }

    private void dispatch(SchedulerEvent event) {
        dispatcher.onEvent(event);
    }

    /** The current time, in the scheduler's zone, from its clock. */
    protected final ZonedDateTime now() {
        return ZonedDateTime.ofInstant(config.clock().instant(), timezone());
    }
}
