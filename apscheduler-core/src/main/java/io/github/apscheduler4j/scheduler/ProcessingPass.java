package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.JobSubmission;
import io.github.apscheduler4j.executor.MaxInstancesReachedException;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.job.RefusedJobTargetException;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobStore;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the processing loop over every store (APScheduler's {@code _process_jobs}): take the due jobs, claim
 * their runs, hand the runs won to their executors, and find when the next pass is due. Runs under the scheduler's
 * lock; the events it makes are dispatched by the caller once the lock is released.
 */
final class ProcessingPass {

    // under the scheduler's name, where the loop logged before it had a class of its own: users filter on it
    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);
    // due jobs claimed per call to the store: large enough that a database claims many in one round trip, small
    // enough that the first of a large backlog starts soon
    private static final int CLAIM_BATCH = 256;

    private final SchedulerConfig config;
    private final ComponentRegistry<JobExecutor> executors;
    private final EventDispatcher dispatcher;
    // whether the store being processed has a due job this pass left due (it threw): its next run time is then past
    private boolean skipped;
    // the claims the store being processed may still take (shared stores), or null
    private ClaimBudget budget;
    // whether the last pass left due runs for want of workers: a run's end then wakes the loop
    private volatile boolean awaitingWorkers;

    private final UnrunnableJobs unrunnable = new UnrunnableJobs();

    private final RunSupervisor runs;

    ProcessingPass(SchedulerConfig config, ComponentRegistry<JobExecutor> executors, EventDispatcher dispatcher,
            RunSupervisor runs) {
        this.config = config;
        this.executors = executors;
        this.dispatcher = dispatcher;
        this.runs = runs;
    }

    /** The due jobs this instance skips because it cannot run them, with the reason, by id. */
    Map<String, String> unrunnableJobs() {
        return unrunnable.reasons();
    }

    /**
     * A listener of job outcomes that wakes the loop when the last pass left due runs of a shared store for want of
     * free workers: a run's end frees one.
     */
    SchedulerListener wakingWhenWorkersFree(Runnable wakeup) {
        return event -> {
            if (awaitingWorkers) {
                wakeup.run();
            }
        };
    }

    /** Processes every store's due jobs; returns the earliest instant a next pass is due, or {@code null}. */
    Instant run(ComponentRegistry<JobStore> stores, ZonedDateTime now, List<SchedulerEvent> events) {
        awaitingWorkers = false;
        Instant[] nextWakeup = {null};
        stores.forEach((alias, store) -> {
            Instant storeWakeup = processStore(alias, store, now, events);
            if (store.isShared()) {
                // other instances may add or change jobs here at any time
                storeWakeup = earliest(storeWakeup, now.toInstant().plus(config.storePollInterval()));
            }
            nextWakeup[0] = earliest(nextWakeup[0], storeWakeup);
        });
        return nextWakeup[0];
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    private Instant processStore(String alias, JobStore store, ZonedDateTime now, List<SchedulerEvent> events) {
        Instant retry = now.toInstant().plus(config.jobstoreRetryInterval());
        skipped = false;
        budget = store.isShared() ? new ClaimBudget(executors.components()) : null;
        unrunnable.beginPass();
        // a shared store is claimed from with lock-and-fetch; another, or one that failed it, job by job
        if (budget == null || !claimDueAndSubmit(alias, store, now, events)) {
            List<Job> dueJobs;
            try {
                dueJobs = budget == null ? store.dueJobs(now.toInstant())
                        : store.dueJobs(now.toInstant(), budget.rowsToRead());
            } catch (RuntimeException e) {
                log.warn("Error getting due jobs from job store '{}'; retrying in {}", alias,
                        config.jobstoreRetryInterval(), e);
                return retry;
            }
            for (int from = 0; from < dueJobs.size(); from += CLAIM_BATCH) {
                List<Job> batch = dueJobs.subList(from, Math.min(from + CLAIM_BATCH, dueJobs.size()));
                try {
                    claimAndSubmit(alias, store, batch, now, events);
                } catch (RuntimeException e) {
                    log.warn("Error processing due jobs of job store '{}'; retrying in {}", alias,
                            config.jobstoreRetryInterval(), e);
                    return retry;
                }
            }
        }
        unrunnable.endPass(alias, id -> stillUnrunnable(store, id));
        if (budget != null && budget.exhausted()) {
            // the runs left due are for other instances, or for this one when a run ends here (which wakes the loop)
            return now.toInstant().plus(config.storePollInterval());
        }
        try {
            if (!skipped) {
                return store.nextRunTime();
            }
            // the jobs left due would make every pass come at once: wake for the next job after them, and look at
            // them again after the retry interval (a class or an executor may have come)
            Instant next = store.nextRunTimeAfter(now.toInstant());
            return next == null || !next.isAfter(now.toInstant()) || next.isAfter(retry) ? retry : next;
        } catch (RuntimeException e) {
            log.warn("Error getting the next run time from job store '{}'; retrying in {}", alias,
                    config.jobstoreRetryInterval(), e);
            return retry;
        }
    }

    /** A due job's runs, claimed together with the other jobs of its batch before any of them is submitted. */
    private record DueJob(JobExecutor executor, JobSubmission submission, JobClaim claim) {
    }

    /**
     * Claims as many due jobs of a shared store as the budget allows with {@link JobStore#claimDueJobs} (lock-and-fetch:
     * instances claiming at once take disjoint batches) and submits the runs of each claim that won.
     *
     * @return whether it did; {@code false} when the store failed (a job whose claim cannot be written fails the
     *     whole transaction): the pass then claims job by job, so that such a job is skipped and the others run
     */
    private boolean claimDueAndSubmit(String alias, JobStore store, ZonedDateTime now, List<SchedulerEvent> events) {
        List<List<DueJob>> prepared = new ArrayList<>(1);
        BitSet won;
        try {
            won = store.claimDueJobs(now.toInstant(), budget.rowsToRead(), jobs -> {
                List<DueJob> due = prepare(alias, store, jobs, now, events);
                prepared.add(due);
                return claimsOf(due);
            });
        } catch (RuntimeException e) {
            log.debug("Lock-and-fetch claim on job store '{}' failed; claiming job by job", alias, e);
            budget = new ClaimBudget(executors.components());
            return false;
        }
        if (!prepared.isEmpty()) {
            submitWon(alias, store, prepared.get(prepared.size() - 1), won, events);
        }
        return true;
    }

    private static List<JobClaim> claimsOf(List<DueJob> due) {
        List<JobClaim> claims = new ArrayList<>(due.size());
        for (DueJob job : due) {
            claims.add(job.claim());
        }
        return claims;
    }

    /**
     * Claims a batch of due jobs in one {@link JobStore#claimJobs} call (one lock, or one round trip to a database)
     * and submits the runs of each job whose claim won.
     */
    private void claimAndSubmit(String alias, JobStore store, List<Job> jobs, ZonedDateTime now,
            List<SchedulerEvent> events) {
        List<DueJob> due = prepare(alias, store, jobs, now, events);
        if (due.isEmpty()) {
            return;
        }
        submitWon(alias, store, due, claim(alias, store, claimsOf(due)), events);
    }

    /** The due jobs to claim, with their runs: those this instance can run, within the budget. */
    private List<DueJob> prepare(String alias, JobStore store, List<Job> jobs, ZonedDateTime now,
            List<SchedulerEvent> events) {
        List<DueJob> due = new ArrayList<>(jobs.size());
        for (Job read : jobs) {
            Job job = runnableHere(alias, read);
            if (job == null) {
                skipped = true;
                continue;
            }
            JobExecutor executor = executors.get(job.executor());
            if (budget != null && !budget.take(executor)) {
                // set now, before this pass's runs are submitted: their ends must wake the loop even when they come
                // before the pass is over
                awaitingWorkers = true;
                continue;
            }
            // the due run times, and the fire time after the last of them, found in one search of the trigger
            Job.DueRuns dueRuns;
            try {
                dueRuns = job.dueRuns(now);
            } catch (RuntimeException e) {
                log.error("Job '{}' of job store '{}' is skipped: its trigger failed to give its due run times", job.id(),
                        alias, e);
                skipped = true;
                continue;
            }
            if (dueRuns.dropped() != null) {
                reportDropped(alias, job, dueRuns, events);
            }
            List<ZonedDateTime> runTimes = dueRuns.runTimes();
            if (!runTimes.isEmpty()) {
                JobClaim claim = new JobClaim(job, dueRuns.nextRunTime(),
                        runs.runToClaim(store, job, runTimes.get(runTimes.size() - 1), now.toInstant()));
                due.add(new DueJob(executor, new JobSubmission(job, runTimes), claim));
            }
        }
        return due;
    }

    /** Submits the runs of the claims that won, and notes their runs with the supervisor. */
    private void submitWon(String alias, JobStore store, List<DueJob> due, BitSet won, List<SchedulerEvent> events) {
        List<DueJob> claimed = new ArrayList<>(won.cardinality());
        List<ClaimedRun> claimedRuns = new ArrayList<>(0);
        for (int i = 0; i < due.size(); i++) {
            if (won.get(i)) {
                claimed.add(due.get(i));
                if (due.get(i).claim().run() != null) {
                    claimedRuns.add(due.get(i).claim().run());
                }
            } else {
                log.debug("Job '{}' was changed or claimed elsewhere since it was read; skipping it",
                        due.get(i).claim().due().id());
            }
        }
        runs.claimed(alias, store, claimedRuns);
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

    /**
     * The job, with its target resolved, when this instance can run it; else {@code null}, after reporting why (a
     * WARN once per job and reason). The stored job is left as it is: APScheduler removes a job whose executor is
     * missing, and pausing it in a shared store would stop the instances that can run it.
     */
    private Job runnableHere(String alias, Job job) {
        Assessment assessment = assess(job);
        if (assessment.trouble() == null) {
            unrunnable.clear(job.id());
            return assessment.runnable();
        }
        if (unrunnable.report(job.id(), alias, assessment.trouble())) {
            log.warn("Job '{}' of job store '{}' is not runnable on this instance ({}) and is skipped here; the stored"
                    + " job is left as it is for instances that can run it: {}", job.id(), alias, config.instanceId(),
                    UnrunnableJobs.shorten(assessment.trouble()));
        }
        return null;
    }

    /** Whether this instance can run a job: the job with its target resolved, or what it lacks. */
    private record Assessment(Job runnable, String trouble) {
    }

    /**
     * The job with its target resolved when this instance can run it (its executor is configured here, its target
     * resolves), else {@code null}. Not thread safe, as the pass: the scheduler calls it under its lock.
     */
    Job runnableOrNull(Job job) {
        return assess(job).runnable();
    }

    private Assessment assess(Job job) {
        if (executors.get(job.executor()) == null) {
            return new Assessment(null, "its executor '" + job.executor() + "' is not configured here (executors: "
                    + executors.aliases() + ")");
        }
        if (job.target().isResolved()) {
            return new Assessment(job, null);
        }
        try {
            JobFunction function = config.targetResolver().resolve(job.target().reference());
            return function == null
                    ? new Assessment(null, "no resolver here handles its target '" + job.target().reference() + "'")
                    : new Assessment(job.withTarget(JobTarget.of(job.target().reference(), function)), null);
        } catch (RefusedJobTargetException e) {
            return new Assessment(null, "its target is not allowed here: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Assessment(null, "its target cannot be resolved here: " + e.getMessage());
        }
    }

    /** Whether the stored job of that id is still one this instance cannot run; false when it is gone. */
    private boolean stillUnrunnable(JobStore store, String id) {
        try {
            Job stored = store.lookupJob(id);
            return stored != null && assess(stored).trouble() != null;
        } catch (RuntimeException e) {
            // the store is in trouble: keep the report until it can say
            return true;
        }
    }

    /**
     * Claims the batch at once; when that throws, claims the jobs one by one, so that a job that cannot be claimed (its
     * state cannot be encoded, say) is skipped and the others still run. When every one throws, the store is at fault:
     * the first error is thrown.
     */
    private BitSet claim(String alias, JobStore store, List<JobClaim> claims) {
        try {
            return store.claimJobs(claims);
        } catch (RuntimeException batchError) {
            BitSet won = new BitSet(claims.size());
            Map<Job, RuntimeException> failed = new LinkedHashMap<>();
            for (int i = 0; i < claims.size(); i++) {
                JobClaim claim = claims.get(i);
                try {
                    if (store.claimJobs(List.of(claim)).get(0)) {
                        won.set(i);
                    }
                } catch (RuntimeException e) {
                    failed.put(claim.due(), e);
                }
            }
            if (failed.size() == claims.size()) {
                throw batchError;
            }
            failed.forEach((job, e) -> log.error("Job '{}' of job store '{}' is skipped: it could not be claimed",
                    job.id(), alias, e));
            skipped |= !failed.isEmpty();
            return won;
        }
    }

    private void reportDropped(String alias, Job job, Job.DueRuns runs, List<SchedulerEvent> events) {
        Job.DroppedRuns dropped = runs.dropped();
        log.warn("Job '{}' of job store '{}' missed {} runs, from {} to {}: more than {} came due at once and coalesce"
                + " is off; the latest {} are submitted", job.id(), alias, dropped.count(), dropped.first(),
                dropped.last(), Job.MAX_DUE_RUNS, runs.runTimes().size());
        events.add(new SchedulerEvent.JobRunsMissed(job.id(), alias, dropped.count(), dropped.first(), dropped.last()));
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
            if (next < refused.size() && refused.get(next).index() == i) {
                RuntimeException reason = refused.get(next++).reason();
                ClaimedRun run = jobs.get(i).claim().run();
                if (run == null || !(reason instanceof MaxInstancesReachedException) || !runs.waitForSlot(run)) {
                    refused(alias, job, runTimes, reason, events);
                    if (run != null) {
                        runs.refused(run);
                    }
                }
            } else {
                if (log.isDebugEnabled()) {
                    log.debug("Job '{}' due at {}: submitted {} run(s) to executor '{}'", job.id(), runTimes.get(0),
                            runTimes.size(), job.executor());
                }
                if (reportSubmitted) {
                    events.add(new SchedulerEvent.JobSubmitted(job.id(), alias, runTimes));
                }
            }
            ZonedDateTime nextRunTime = jobs.get(i).claim().nextRunTime();
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

    /**
     * Submits a run of the job now, outside its schedule ({@link Scheduler#runJob}): nothing is claimed or written.
     *
     * @return whether the executor took it; {@code false} when its maximum number of running instances is reached
     */
    static boolean submitNow(JobExecutor executor, Job job, List<SchedulerEvent> events) {
        List<ZonedDateTime> now = Collections.singletonList(null);
        try {
            executor.submit(job, now);
        } catch (MaxInstancesReachedException e) {
            refused(job.jobstore(), job, now, e, events);
            return false;
        }
        log.info("Job '{}' submitted to run now", job.id());
        events.add(new SchedulerEvent.JobSubmitted(job.id(), job.jobstore(), now));
        return true;
    }

    private static void refused(String alias, Job job, List<ZonedDateTime> runTimes, RuntimeException reason,
            List<SchedulerEvent> events) {
        if (reason instanceof MaxInstancesReachedException) {
            ZonedDateTime scheduled = runTimes.get(runTimes.size() - 1);
            log.warn("Run of job '{}' {} skipped: its maximum number of running instances ({}) is reached", job.id(),
                    scheduled == null ? "now" : "scheduled at " + scheduled, job.maxInstances());
            events.add(new SchedulerEvent.JobMaxInstances(job.id(), alias, runTimes, job.maxInstances()));
        } else {
            log.error("Error submitting job '{}' to executor '{}'", job.id(), job.executor(), reason);
        }
    }
}
