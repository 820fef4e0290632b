package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.JobSubmission;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryRunLedger;
import io.github.apscheduler4j.store.RunLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees every claimed run through to an outcome someone can see, with each store's {@link RunLedger}: records the runs
 * this instance claims, ends them when their executor reports, schedules a failed run's retries, renews this instance's
 * leases (its heartbeat), and takes over the runs whose lease ran out (their instance died) or whose wait is over:
 * a retry, a run handed back, or a dead instance's fire, run again once ({@link Recovery#RERUN}) or reported
 * abandoned ({@link Recovery#NONE}).
 *
 * <p>A store that no other instance shares needs a ledger only for retries: its runs are recorded only for jobs that
 * retry, so that the common path costs nothing.
 */
final class RunSupervisor implements SchedulerListener {

    // under the scheduler's name, where users look for what happens to runs
    private static final Logger log = LoggerFactory.getLogger(AbstractScheduler.class);
    // runs taken over per store and tick: a backlog is worked off over a few ticks rather than in one burst
    private static final int TAKE_OVER_BATCH = 100;

    private final SchedulerConfig config;
    private final Consumer<SchedulerEvent> dispatch;
    private final Supplier<Map<String, JobStore>> stores;
    private final Function<String, JobExecutor> executors;
    private final UnaryOperator<Job> runnableHere;
    private final BooleanSupplier processing;
    // each store's ledger by alias: its own, or one kept here
    private final Map<String, RunLedger> ledgers = new ConcurrentHashMap<>();
    // the runs this instance holds, by fire id, with the alias of their store
    private final Map<String, HeldRun> held = new ConcurrentHashMap<>();
    // runs that ended here, whose end the store could not take yet
    private final Set<HeldRun> unwritten = ConcurrentHashMap.newKeySet();
    private final StoreReach reach;
    private volatile ScheduledExecutorService heartbeat;

    /** A run this instance holds; {@code shared}: its store is shared, where another instance can take it. */
    private record HeldRun(String alias, ClaimedRun run, boolean shared) {
    }

    /**
     * @param runnableHere the job with its target resolved when this instance can run it, else {@code null}
     * @param processing whether the scheduler processes jobs now (it is neither paused nor stopped): only then does
     *     it take runs over, as it runs jobs only then; it renews the leases of its own runs either way
     */
    RunSupervisor(SchedulerConfig config, Consumer<SchedulerEvent> dispatch, Supplier<Map<String, JobStore>> stores,
            Function<String, JobExecutor> executors, UnaryOperator<Job> runnableHere, BooleanSupplier processing) {
        this.config = config;
        this.dispatch = dispatch;
        this.stores = stores;
        this.executors = executors;
        this.runnableHere = runnableHere;
        this.processing = processing;
        this.reach = new StoreReach(config.leaseDuration());
    }

    /**
     * Starts supervising: ends the leases of the runs that an earlier process under this instance id left in the
     * stores (it died holding them), so that they are recovered now rather than when their leases run out, then, when
     * {@code onTimer}, starts the heartbeat: every lease renewal interval, renew the leases of the runs held here and
     * take over what is due.
     */
    void start(boolean onTimer) {
        Instant now = config.clock().instant();
        stores.get().forEach((alias, store) -> {
            try {
                ledger(alias, store).expireLeases(config.instanceId(), now.minusMillis(1));
            } catch (RuntimeException e) {
                log.warn("Could not release the runs an earlier process left under instance id '{}' in job store"
                        + " '{}'; their leases run out by themselves", config.instanceId(), alias, e);
            }
        });
        if (onTimer) {
            startTimer();
        }
    }

    private void startTimer() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "apscheduler-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = config.leaseRenewalInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        heartbeat = timer;
    }

    /** Stops the heartbeat; the leases of runs still held run out by themselves, for a live instance to take over. */
    void stop() {
        ScheduledExecutorService timer = heartbeat;
        heartbeat = null;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** The run to record with the claim of a due job, or {@code null} when the store needs none. */
    ClaimedRun runToClaim(JobStore store, Job job, ZonedDateTime fireTime, Instant now) {
        if (!store.isShared() && job.runPolicy().retries() == 0) {
            return null;
        }
        return ClaimedRun.claimed(job, fireTime.toInstant(), config.instanceId(), now.plus(config.leaseDuration()));
    }

    /** Notes runs whose claims won: this instance holds them until their executor reports their end. */
    void claimed(String alias, JobStore store, List<ClaimedRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        RunLedger ledger = ledger(alias, store);
        if (store.runLedger() == null) {
            ledger.record(runs);
        }
        for (ClaimedRun run : runs) {
            held.put(run.fireId(), new HeldRun(alias, run, store.isShared()));
        }
    }

    /**
     * Hands a claimed run that has not started back to its shared store as the scheduler shuts down, for another
     * instance to run now at the same attempt; the runs of a store nobody shares are run here as before.
     *
     * @return whether it was handed back (and so is not to be run here)
     */
    boolean handBack(JobSubmission submission) {
        List<ZonedDateTime> runTimes = submission.runTimes();
        ZonedDateTime fireTime = runTimes.isEmpty() ? null : runTimes.get(runTimes.size() - 1);
        if (fireTime == null) {
            return false;
        }
        String fireId = submission.job().id() + "@" + fireTime.toInstant();
        HeldRun run = held.get(fireId);
        if (run == null || !run.shared() || !held.remove(fireId, run)) {
            return false;
        }
        try {
            if (ledger(run.alias()).release(run.run(), ClaimedRun.Phase.HANDED_BACK, run.run().attempt(),
                    config.clock().instant())) {
                log.info("Run of job '{}' scheduled at {} handed back to job store '{}' on shutdown: it had not"
                        + " started, and another instance runs it", submission.job().id(), fireTime, run.alias());
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("Run of job '{}' scheduled at {} could not be handed back to job store '{}'; it runs here",
                    submission.job().id(), fireTime, run.alias(), e);
        }
        held.put(fireId, run);
        return false;
    }

    /**
     * A scheduled fire of a job whose recovery is {@link Recovery#RERUN} (at least once) that its executor refused
     * because the job's maximum number of running instances is reached (a rerun or a retry of it runs): on a shared
     * store it waits for a free slot, as {@link ClaimedRun.Phase#RETRY_DUE} at the same attempt, rather than being
     * skipped; when it can wait no longer than its misfire grace time allows, it is reported missed.
     *
     * @return whether it waits (and so is not to be reported skipped)
     */
    boolean waitForSlot(ClaimedRun run) {
        HeldRun waiting = held.get(run.fireId());
        if (waiting == null || !waiting.shared() || run.job().runPolicy().recovery() != Recovery.RERUN
                || !held.remove(run.fireId(), waiting)) {
            return false;
        }
        Instant from = config.clock().instant().plus(config.leaseRenewalInterval());
        try {
            if (ledger(waiting.alias()).release(run, ClaimedRun.Phase.RETRY_DUE, run.attempt(), from)) {
                log.info("Run of job '{}' scheduled at {} waits for a free slot: its maximum number of running instances"
                        + " ({}) is reached and its recovery is rerun", run.jobId(), run.fireTime(),
                        run.job().maxInstances());
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("Run of job '{}' scheduled at {} could not be left to wait for a free slot in job store '{}'",
                    run.jobId(), run.fireTime(), waiting.alias(), e);
        }
        held.put(run.fireId(), waiting);
        return false;
    }

    /** A run claimed here ended without running (its executor refused it): its outcome was reported with the refusal. */
    void refused(ClaimedRun run) {
        HeldRun done = held.remove(run.fireId());
        if (done != null) {
            end(done);
        }
    }

    /** Ends or retries the run a job outcome belongs to, when this instance holds it. */
    @Override
    public void onEvent(SchedulerEvent event) {
        String jobId;
        ZonedDateTime fireTime;
        Throwable failure = null;
        if (event instanceof SchedulerEvent.JobExecuted e) {
            jobId = e.jobId();
            fireTime = e.scheduledRunTime();
        } else if (event instanceof SchedulerEvent.JobError e) {
            jobId = e.jobId();
            fireTime = e.scheduledRunTime();
            failure = e.exception();
        } else if (event instanceof SchedulerEvent.JobMissed e) {
            jobId = e.jobId();
            fireTime = e.scheduledRunTime();
        } else {
            return;
        }
        if (fireTime == null || held.isEmpty()) {
            return;
        }
        HeldRun done = held.remove(jobId + "@" + fireTime.toInstant());
        if (done == null) {
            return;
        }
        ClaimedRun run = done.run();
        if (failure != null && run.job().runPolicy().retriesAfter(run.attempt())) {
            retryLater(done, failure);
        } else {
            end(done);
        }
    }

    private void retryLater(HeldRun done, Throwable failure) {
        ClaimedRun run = done.run();
        Duration backoff = run.job().runPolicy().backoff(run.attempt(), ThreadLocalRandom.current()::nextDouble);
        Instant at = config.clock().instant().plus(backoff);
        try {
            if (ledger(done.alias()).release(run, ClaimedRun.Phase.RETRY_DUE, run.attempt() + 1, at)) {
                log.warn("Run of job '{}' scheduled at {} failed on attempt {} ({}); attempt {} follows from {}",
                        run.jobId(), run.fireTime(), run.attempt(), failure, run.attempt() + 1, at);
                dispatch.accept(new SchedulerEvent.JobRetryScheduled(run.jobId(), done.alias(),
                        run.fireTime().atZone(config.timezone()), run.attempt() + 1, at.atZone(config.timezone())));
            }
        } catch (RuntimeException e) {
            log.error("Retry of job '{}' scheduled at {} could not be recorded in job store '{}': its lease runs out"
                    + " and a live instance recovers it", run.jobId(), run.fireTime(), done.alias(), e);
        }
    }

    private void end(HeldRun done) {
        try {
            ledger(done.alias()).end(done.run());
        } catch (RuntimeException e) {
            // kept, and written at the next heartbeat before the leases are renewed: else this instance would renew
            // the lease of a run that has ended, or, after a long outage, another would recover it as if it had not
            unwritten.add(done);
            log.error("The end of job '{}''s run scheduled at {} could not be recorded in job store '{}'; it is tried"
                    + " again at the next heartbeat", done.run().jobId(), done.run().fireTime(), done.alias(), e);
        }
    }

    /** Writes the ends that could not be written before, as the heartbeat begins. */
    private void writeUnwrittenEnds() {
        for (HeldRun done : List.copyOf(unwritten)) {
            try {
                ledger(done.alias()).end(done.run());
                unwritten.remove(done);
            } catch (RuntimeException e) {
                log.debug("The end of job '{}''s run scheduled at {} still cannot be written", done.run().jobId(),
                        done.run().fireTime(), e);
            }
        }
    }

    /**
     * One heartbeat: renew the leases of the runs this instance holds, then take over what is due, in every store. The
     * runs of a dead instance are taken over only from a store this instance has reached for a whole lease: after an
     * outage every holder's lease may have run out, and each holder needs a heartbeat to write its ends and renew
     * its leases before its runs can be told from a dead instance's.
     */
    void tick() {
        try {
            writeUnwrittenEnds();
            Instant now = config.clock().instant();
            Map<String, List<ClaimedRun>> heldByStore = new HashMap<>();
            held.values().forEach(run -> heldByStore.computeIfAbsent(run.alias(), key -> new ArrayList<>()).add(run.run()));
            stores.get().forEach((alias, store) -> {
                RunLedger ledger = ledger(alias, store);
                try {
                    List<ClaimedRun> mine = heldByStore.getOrDefault(alias, List.of());
                    if (!mine.isEmpty()) {
                        ledger.renew(config.instanceId(), mine, now.plus(config.leaseDuration()));
                    }
                    if (!processing.getAsBoolean()) {
                        return;
                    }
                    boolean reachedForALease = reach.reachedForALease(alias, now);
                    for (ClaimedRun run : ledger.upForGrabs(now, TAKE_OVER_BATCH)) {
                        boolean deadHolder = run.phase() == ClaimedRun.Phase.RUNNING;
                        if (!held.containsKey(run.fireId()) && (reachedForALease || !deadHolder)) {
                            takeOver(alias, store.isShared(), ledger, run, now);
                        }
                    }
                    reach.reached(alias, now);
                } catch (RuntimeException e) {
                    reach.lost(alias);
                    log.warn("Could not renew leases or take over runs in job store '{}'; trying again in {}", alias,
                            config.leaseRenewalInterval(), e);
                }
            });
        } catch (Throwable e) {
            // the heartbeat must outlive any one failure: a dead heartbeat lets every lease here run out
            log.error("Heartbeat failed; trying again in {}", config.leaseRenewalInterval(), e);
        }
    }

    private void takeOver(String alias, boolean shared, RunLedger ledger, ClaimedRun run, Instant now) {
        boolean deadHolder = run.phase() == ClaimedRun.Phase.RUNNING;
        boolean rerun = !deadHolder || (run.job().runPolicy().recovery() == Recovery.RERUN && run.attempt() == 1);
        Job runnable = rerun ? runnableHere.apply(run.job()) : run.job();
        if (runnable == null) {
            // another instance may run it; this one leaves it as it is
            return;
        }
        int attempt = deadHolder ? run.attempt() + (rerun ? 1 : 0) : run.attempt();
        ClaimedRun taken = ledger.takeOver(run, config.instanceId(), attempt, now.plus(config.leaseDuration()));
        if (taken == null) {
            return;
        }
        ZonedDateTime fireTime = run.fireTime().atZone(config.timezone());
        if (!rerun) {
            log.warn("Run of job '{}' scheduled at {} was abandoned: instance '{}' claimed it and stopped renewing its"
                    + " lease (it died or lost the store); its recovery is {}, so it is not run again", run.jobId(),
                    fireTime, run.instanceId(), run.attempt() > 1 ? "spent" : "none");
            dispatch.accept(new SchedulerEvent.JobAbandoned(run.jobId(), alias, fireTime, run.instanceId(),
                    run.attempt()));
            end(new HeldRun(alias, taken, true));
            return;
        }
        if (deadHolder) {
            log.warn("Run of job '{}' scheduled at {} is run again here as attempt {}: instance '{}' claimed it and"
                    + " stopped renewing its lease (it died or lost the store)", run.jobId(), fireTime, attempt,
                    run.instanceId());
        } else {
            log.info("Run of job '{}' scheduled at {} taken over as attempt {} ({})", run.jobId(), fireTime, attempt,
                    run.phase() == ClaimedRun.Phase.RETRY_DUE ? "a retry" : "handed back by its instance");
        }
        held.put(taken.fireId(), new HeldRun(alias, taken, shared));
        JobExecutor executor = executors.apply(runnable.executor());
        List<JobExecutor.Refusal> refused = executor.submitAll(List.of(new JobSubmission(runnable,
                List.of(fireTime), attempt)));
        if (!refused.isEmpty()) {
            // max_instances: the job's next fire runs now; this one waits for a free slot
            held.remove(taken.fireId());
            ledger.release(taken, run.phase() == ClaimedRun.Phase.RUNNING ? ClaimedRun.Phase.RETRY_DUE : run.phase(),
                    attempt, now.plus(config.leaseRenewalInterval()));
            log.debug("Run of job '{}' scheduled at {} waits: {}", run.jobId(), fireTime,
                    refused.get(0).reason().getMessage());
        }
    }

    /** The runs this instance holds now, for tests and the endpoint. */
    List<ClaimedRun> heldRuns() {
        List<ClaimedRun> runs = new ArrayList<>();
        held.values().forEach(run -> runs.add(run.run()));
        return runs;
    }

    /** The ledger of a store a run was claimed in. */
    private RunLedger ledger(String alias) {
        return ledgers.get(alias);
    }

    private RunLedger ledger(String alias, JobStore store) {
        return ledgers.computeIfAbsent(alias, key -> {
            RunLedger own = store.runLedger();
            return own != null ? own : new MemoryRunLedger();
        });
    }
}
