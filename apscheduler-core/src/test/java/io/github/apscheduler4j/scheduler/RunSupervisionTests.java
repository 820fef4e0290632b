package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.AbstractJobExecutor;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.MemoryJobStore;
import io.github.apscheduler4j.store.RunLedger;
import io.github.apscheduler4j.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every claimed run ends with an outcome: retries after a failure, and the runs of an instance that died (its lease ran
 * out) rerun once or reported abandoned by a live one. Two instances share one store object that says it is shared;
 * the "dead" one holds its runs on an executor that never runs them and never renews its leases. Time is a mutable
 * clock, and the heartbeat is called by hand.
 */
class RunSupervisionTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static final List<JobContext> RUNS = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private final SharedMemoryStore store = new SharedMemoryStore();
    private ManualScheduler live;
    private ManualScheduler dead;

    /** Fails while {@link #FAILURES_LEFT} is positive, counting it down. */
    public static void flaky() {
        RUNS.add(JobContext.current());
        if (FAILURES_LEFT.getAndDecrement() > 0) {
            throw new IllegalStateException("down");
        }
    }

    @BeforeEach
    void createSchedulers() {
        RUNS.clear();
        FAILURES_LEFT.set(0);
        live = scheduler("live", new DirectJobExecutor());
        live.addListener(events::add);
        dead = scheduler("dead", new BlackHoleExecutor());
        live.start();
        dead.start();
    }

    private ManualScheduler scheduler(String instanceId, AbstractJobExecutor executor) {
        return new ManualScheduler(SchedulerConfig.builder().timezone(UTC).clock(clock).instanceId(instanceId)
                .jobstore("default", store).executor("default", executor).build());
    }

    @AfterEach
    void shutdown() {
        live.shutdown(false);
        dead.shutdown(false);
    }

    private static JobSpec.Builder flakyAt10s(String id) {
        return JobSpec.builder(ClassTargetResolver.reference(RunSupervisionTests.class, "flaky")).id(id)
                .trigger("date", Map.of("run_date", "2026-01-01T00:00:10Z")).misfireGraceTime(null);
    }

    private <T extends SchedulerEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static ZonedDateTime at(long seconds) {
        return T0.plusSeconds(seconds).atZone(UTC);
    }

    @Test
    void aFailedRunIsRetriedAfterItsBackoffAsTheNextAttemptOfTheSameFire() {
        FAILURES_LEFT.set(2);
        live.addJob(flakyAt10s("flaky").retries(2).retryBackoff(Duration.ofSeconds(10)).build());

        clock.set(at(10).toInstant());
        live.processJobs();
        assertThat(eventsOf(SchedulerEvent.JobError.class)).hasSize(1);
        SchedulerEvent.JobRetryScheduled first = eventsOf(SchedulerEvent.JobRetryScheduled.class).get(0);
        assertThat(first.nextAttempt()).isEqualTo(2);
        // the first backoff, with jitter: between half of it and all of it
        assertThat(first.retryAt()).isBetween(at(15), at(20));

        clock.set(first.retryAt().toInstant().minusMillis(1));
        live.superviseRuns();
        assertThat(RUNS).hasSize(1);

        clock.set(first.retryAt().toInstant());
        live.superviseRuns();
        SchedulerEvent.JobRetryScheduled second = eventsOf(SchedulerEvent.JobRetryScheduled.class).get(1);
        assertThat(second.nextAttempt()).isEqualTo(3);
        // doubled: between 10 and 20 seconds after the second failure
        assertThat(Duration.between(first.retryAt(), second.retryAt())).isBetween(Duration.ofSeconds(10),
                Duration.ofSeconds(20));

        clock.set(second.retryAt().toInstant());
        live.superviseRuns();
        assertThat(RUNS).extracting(JobContext::attempt).containsExactly(1, 2, 3);
        assertThat(RUNS).extracting(JobContext::fireId).containsOnly("flaky@2026-01-01T00:00:10Z");
        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).hasSize(1);
        assertThat(store.runLedger().all()).as("runs left in the ledger").isEmpty();
    }

    @Test
    void retriesEndWhenSpent() {
        FAILURES_LEFT.set(5);
        live.addJob(flakyAt10s("flaky").retries(1).retryBackoff(Duration.ofSeconds(1)).build());

        clock.set(at(10).toInstant());
        live.processJobs();
        clock.advance(Duration.ofSeconds(1));
        live.superviseRuns();
        clock.advance(Duration.ofSeconds(10));
        live.superviseRuns();

        assertThat(RUNS).extracting(JobContext::attempt).containsExactly(1, 2);
        assertThat(eventsOf(SchedulerEvent.JobError.class)).hasSize(2);
        assertThat(eventsOf(SchedulerEvent.JobRetryScheduled.class)).hasSize(1);
        assertThat(store.runLedger().all()).isEmpty();
    }

    @Test
    void aDeadInstancesFireIsReportedAbandonedWhenItsRecoveryIsNone() {
        dead.addJob(flakyAt10s("once").build());
        clock.set(at(10).toInstant());
        dead.processJobs();
        assertThat(store.runLedger().all()).singleElement().satisfies(run -> {
            assertThat(run.instanceId()).isEqualTo("dead");
            assertThat(run.phase()).isEqualTo(ClaimedRun.Phase.RUNNING);
        });

        // within the lease: the run is the dead one's still
        clock.advance(SchedulerConfig.DEFAULT_LEASE_DURATION);
        live.superviseRuns();
        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).isEmpty();

        clock.advance(Duration.ofMillis(1));
        live.superviseRuns();
        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).singleElement().satisfies(abandoned -> {
            assertThat(abandoned.jobId()).isEqualTo("once");
            assertThat(abandoned.scheduledRunTime()).isEqualTo(at(10));
            assertThat(abandoned.deadInstanceId()).isEqualTo("dead");
        });
        assertThat(RUNS).isEmpty();
        assertThat(store.runLedger().all()).isEmpty();
    }

    @Test
    void aDeadInstancesFireRunsAgainOnceAsAttemptTwoWhenItsRecoveryIsRerun() {
        dead.addJob(flakyAt10s("once").recovery(Recovery.RERUN).build());
        clock.set(at(10).toInstant());
        dead.processJobs();

        clock.advance(SchedulerConfig.DEFAULT_LEASE_DURATION.plusSeconds(1));
        live.superviseRuns();
        live.superviseRuns();

        assertThat(RUNS).singleElement().satisfies(run -> {
            assertThat(run.attempt()).isEqualTo(2);
            assertThat(run.instanceId()).isEqualTo("live");
            assertThat(run.fireId()).isEqualTo("once@2026-01-01T00:00:10Z");
        });
        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).isEmpty();
        assertThat(store.runLedger().all()).isEmpty();
    }

    @Test
    void aRerunWhoseInstanceDiesTooIsAbandoned() {
        dead.addJob(flakyAt10s("once").recovery(Recovery.RERUN).build());
        clock.set(at(10).toInstant());
        dead.processJobs();
        clock.advance(SchedulerConfig.DEFAULT_LEASE_DURATION.plusSeconds(1));
        // another instance takes the fire over to run it again, and dies too
        ManualScheduler alsoDead = scheduler("also-dead", new BlackHoleExecutor());
        alsoDead.start();
        alsoDead.superviseRuns();
        assertThat(store.runLedger().all()).singleElement().satisfies(run -> {
            assertThat(run.attempt()).isEqualTo(2);
            assertThat(run.instanceId()).isEqualTo("also-dead");
        });

        clock.advance(SchedulerConfig.DEFAULT_LEASE_DURATION.plusSeconds(1));
        live.superviseRuns();
        alsoDead.shutdown(false);

        assertThat(RUNS).isEmpty();
        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).singleElement()
                .extracting(SchedulerEvent.JobAbandoned::attempt).isEqualTo(2);
    }

    @Test
    void aPausedInstanceTakesNoRunOverUntilItResumes() {
        dead.addJob(flakyAt10s("once").recovery(Recovery.RERUN).build());
        clock.set(at(10).toInstant());
        dead.processJobs();
        clock.advance(SchedulerConfig.DEFAULT_LEASE_DURATION.plusSeconds(1));

        live.pause();
        live.superviseRuns();
        assertThat(RUNS).isEmpty();
        assertThat(store.runLedger().all()).singleElement().extracting(ClaimedRun::instanceId).isEqualTo("dead");

        live.resume();
        live.superviseRuns();
        assertThat(RUNS).extracting(JobContext::attempt).containsExactly(2);
    }

    @Test
    void anEndTheStoreCouldNotTakeIsWrittenAtTheNextHeartbeatAndNobodyRecoversTheRun() {
        live.addJob(flakyAt10s("once").recovery(Recovery.RERUN).build());
        store.failEnds = true;
        clock.set(at(10).toInstant());
        live.processJobs();
        assertThat(RUNS).hasSize(1);
        assertThat(store.runLedger().all()).as("the run, whose end the store refused").hasSize(1);

        store.failEnds = false;
        live.superviseRuns();
        assertThat(store.runLedger().all()).isEmpty();
        clock.advance(SchedulerConfig.DEFAULT_LEASE_DURATION.plusSeconds(1));
        dead.superviseRuns();
        assertThat(RUNS).as("no rerun of a run that ended").hasSize(1);
        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).isEmpty();
    }

    /** Both instances lose the store for longer than a lease, then reach it again; each heartbeat of each is tried. */
    private void outage(Duration length) {
        store.down = true;
        for (Duration passed = Duration.ZERO; passed.compareTo(length) < 0;
                passed = passed.plus(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL)) {
            clock.advance(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL);
            live.superviseRuns();
            dead.superviseRuns();
        }
        store.down = false;
    }

    @Test
    void afterAnOutageLongerThanTheLeaseTheHolderRenewsItsRunAndNobodyTakesItOver() {
        // "dead" runs the job still (its executor never reports an end): a long run that outlives the outage
        dead.addJob(flakyAt10s("long").build());
        clock.set(at(10).toInstant());
        dead.processJobs();

        outage(SchedulerConfig.DEFAULT_LEASE_DURATION.multipliedBy(3));
        // the other instance reaches the store first, the holder one heartbeat later
        live.superviseRuns();
        dead.superviseRuns();
        for (int i = 0; i < 10; i++) {
            clock.advance(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL);
            live.superviseRuns();
            dead.superviseRuns();
        }

        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).isEmpty();
        assertThat(store.runLedger().all()).singleElement().satisfies(run -> {
            assertThat(run.instanceId()).isEqualTo("dead");
            assertThat(run.leaseEnd()).isEqualTo(clock.instant().plus(SchedulerConfig.DEFAULT_LEASE_DURATION));
        });
    }

    @Test
    void afterAnOutageARunWhoseHolderDoesNotComeBackIsTakenOverALeaseAfterTheStoreIsReachedAgain() {
        dead.addJob(flakyAt10s("once").build());
        clock.set(at(10).toInstant());
        dead.processJobs();

        outage(SchedulerConfig.DEFAULT_LEASE_DURATION.multipliedBy(3));
        live.superviseRuns();
        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).as("just after the outage").isEmpty();
        for (Duration passed = Duration.ZERO; passed.compareTo(SchedulerConfig.DEFAULT_LEASE_DURATION) < 0;
                passed = passed.plus(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL)) {
            clock.advance(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL);
            live.superviseRuns();
        }

        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).singleElement()
                .extracting(SchedulerEvent.JobAbandoned::deadInstanceId).isEqualTo("dead");
        assertThat(store.runLedger().all()).isEmpty();
    }

    @Test
    void aLiveInstanceRenewsItsLeasesSoThatNobodyTakesItsRunsOver() {
        dead.addJob(flakyAt10s("once").build());
        clock.set(at(10).toInstant());
        dead.processJobs();
        for (int i = 0; i < 10; i++) {
            clock.advance(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL);
            dead.superviseRuns();
            live.superviseRuns();
        }
        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).isEmpty();
        assertThat(store.runLedger().all()).singleElement().extracting(ClaimedRun::leaseEnd)
                .isEqualTo(clock.instant().plus(SchedulerConfig.DEFAULT_LEASE_DURATION));
    }

    @Test
    void aRunClaimedButNotStartedIsHandedBackOnShutdownAndAnotherInstanceRunsItNowAtTheSameAttempt() {
        HeldExecutor held = new HeldExecutor();
        ManualScheduler leaving = scheduler("leaving", held);
        leaving.start();
        leaving.addJob(flakyAt10s("once").build());
        clock.set(at(10).toInstant());
        leaving.processJobs();
        assertThat(held.runs).hasSize(1);

        leaving.shutdown(false);
        // the executor gets to the queued run only now, as its worker would after the shutdown began
        held.runs.forEach(Runnable::run);
        assertThat(RUNS).as("runs on the instance shutting down").isEmpty();
        assertThat(store.runLedger().all()).singleElement().satisfies(run -> {
            assertThat(run.phase()).isEqualTo(ClaimedRun.Phase.HANDED_BACK);
            assertThat(run.instanceId()).isNull();
        });

        live.superviseRuns();
        assertThat(RUNS).singleElement().satisfies(run -> {
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.instanceId()).isEqualTo("live");
        });
        assertThat(store.runLedger().all()).isEmpty();
        assertThat(eventsOf(SchedulerEvent.JobAbandoned.class)).isEmpty();
    }

    @Test
    void aFireThatMeetsTheRerunOfTheSameJobWaitsForTheSlotInsteadOfBeingSkippedWhenItsRecoveryIsRerun() {
        HeldExecutor workers = new HeldExecutor();
        ManualScheduler survivor = scheduler("survivor", workers);
        survivor.addListener(events::add);
        survivor.start();
        try {
            dead.addJob(JobSpec.builder(ClassTargetResolver.reference(RunSupervisionTests.class, "flaky")).id("every10")
                    .trigger("interval", Map.of("seconds", 10, "start_date", "2026-01-01T00:00:10Z"))
                    .recovery(Recovery.RERUN).misfireGraceTime(null).build());
            clock.set(at(10).toInstant());
            dead.processJobs();
            // its lease ran out: the dead instance's fire is run again here, and still runs as the next fire is due
            clock.set(at(21).toInstant());
            survivor.superviseRuns();
            assertThat(workers.runs).hasSize(1);
            survivor.processJobs();

            assertThat(eventsOf(SchedulerEvent.JobMaxInstances.class)).as("skipped fires").isEmpty();
            assertThat(store.runLedger().all()).filteredOn(run -> run.fireTime().equals(at(20).toInstant()))
                    .singleElement().extracting(ClaimedRun::phase).isEqualTo(ClaimedRun.Phase.RETRY_DUE);

            workers.runs.remove(0).run();
            clock.advance(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL);
            survivor.superviseRuns();
            workers.runs.remove(0).run();

            assertThat(RUNS).extracting(run -> run.scheduledFireTime().toInstant(), JobContext::attempt)
                    .containsExactly(tuple(at(10).toInstant(), 2), tuple(at(20).toInstant(), 1));
            assertThat(store.runLedger().all()).isEmpty();
        } finally {
            survivor.shutdown(false);
        }
    }

    @Test
    void aBusyInstanceClaimsNoMoreThanItsFreeWorkersPlusAPrefetchAndLeavesTheRestToAnother() {
        HeldExecutor busyWorkers = new HeldExecutor(2);
        HeldExecutor otherWorkers = new HeldExecutor(20);
        ManualScheduler busy = scheduler("busy", busyWorkers);
        ManualScheduler other = scheduler("other", otherWorkers);
        busy.start();
        other.start();
        try {
            for (int i = 0; i < 20; i++) {
                busy.addJob(flakyAt10s("job-" + i).build());
            }
            clock.set(at(10).toInstant());
            int prefetch = busyWorkers.prefetch();
            assertThat(prefetch).as("before any run ended, as many as it has workers").isEqualTo(2);

            busy.processJobs();
            assertThat(busyWorkers.runs).as("2 free workers and a prefetch").hasSize(2 + prefetch);
            busy.processJobs();
            assertThat(busyWorkers.runs).as("nothing more while its queue is full").hasSize(2 + prefetch);

            other.processJobs();
            assertThat(otherWorkers.runs).hasSize(20 - 2 - prefetch);
            assertThat(store.dueJobs(clock.instant())).isEmpty();
        } finally {
            busy.shutdown(false);
            other.shutdown(false);
        }
    }

    @Test
    void anInstanceRestartedUnderTheSameIdLetsTheRunsItsEarlierProcessHeldBeTakenOver() {
        dead.addJob(flakyAt10s("once").recovery(Recovery.RERUN).build());
        clock.set(at(10).toInstant());
        dead.processJobs();

        // the same instance id, a new process: it holds none of the runs the store has under its id
        ManualScheduler restarted = scheduler("dead", new DirectJobExecutor());
        restarted.start();
        try {
            restarted.superviseRuns();
            assertThat(RUNS).singleElement().satisfies(run -> {
                assertThat(run.attempt()).isEqualTo(2);
                assertThat(run.fireId()).isEqualTo("once@2026-01-01T00:00:10Z");
            });
            assertThat(store.runLedger().all()).isEmpty();
        } finally {
            restarted.shutdown(false);
        }
    }

    @Test
    void aStoreNobodySharesRecordsNoRunForAJobWithoutRetries() {
        MemoryJobStore alone = new MemoryJobStore();
        ManualScheduler scheduler = new ManualScheduler(SchedulerConfig.builder().timezone(UTC).clock(clock)
                .jobstore("default", alone).executor("default", new BlackHoleExecutor()).build());
        scheduler.start();
        try {
            scheduler.addJob(flakyAt10s("once").build());
            scheduler.addJob(flakyAt10s("retried").retries(1).build());
            clock.set(at(10).toInstant());
            scheduler.processJobs();
            assertThat(alone.runLedger().all()).extracting(ClaimedRun::jobId).containsExactly("retried");
        } finally {
            scheduler.shutdown(false);
        }
    }

    /** Takes runs and never starts them: what an instance that died after claiming looks like from the store. */
    static final class BlackHoleExecutor extends AbstractJobExecutor {

        @Override
        protected void execute(List<Runnable> runs) {
        }

        @Override
        public void shutdown(boolean wait) {
        }
    }

    /** Queues runs until the test runs them: a pool whose workers are all busy. */
    static final class HeldExecutor extends AbstractJobExecutor {

        final List<Runnable> runs = new CopyOnWriteArrayList<>();
        private final int workers;

        HeldExecutor() {
            this(Integer.MAX_VALUE);
        }

        HeldExecutor(int workers) {
            this.workers = workers;
        }

        @Override
        protected int workers() {
            return workers;
        }

        @Override
        protected void execute(List<Runnable> submitted) {
            runs.addAll(submitted);
        }

        @Override
        public void shutdown(boolean wait) {
        }
    }

    /** A memory store that says it is shared, as a database store is, for two schedulers in this JVM. */
    static final class SharedMemoryStore extends ForwardingJobStore {

        // while set, the ledger refuses ends, as a database that is down would
        volatile boolean failEnds;
        // while set, the ledger refuses every call: the database is out of reach
        volatile boolean down;

        private void reach() {
            if (down) {
                throw new IllegalStateException("the store is out of reach");
            }
        }

        @Override
        public boolean isShared() {
            return true;
        }

        @Override
        public void start(JobStoreContext context) {
            memory.start(context);
        }

        @Override
        public BitSet claimJobs(List<JobClaim> claims) {
            return memory.claimJobs(claims);
        }

        @Override
        public RunLedger runLedger() {
            RunLedger ledger = memory.runLedger();
            return new RunLedger() {
                @Override
                public void record(List<ClaimedRun> runs) {
                    reach();
                    ledger.record(runs);
                }

                @Override
                public void renew(String instanceId, Collection<ClaimedRun> runs, Instant leaseEnd) {
                    reach();
                    ledger.renew(instanceId, runs, leaseEnd);
                }

                @Override
                public void expireLeases(String instanceId, Instant now) {
                    reach();
                    ledger.expireLeases(instanceId, now);
                }

                @Override
                public void end(ClaimedRun run) {
                    reach();
                    if (failEnds) {
                        throw new IllegalStateException("the store is down");
                    }
                    ledger.end(run);
                }

                @Override
                public boolean release(ClaimedRun run, ClaimedRun.Phase phase, int attempt, Instant from) {
                    reach();
                    return ledger.release(run, phase, attempt, from);
                }

                @Override
                public List<ClaimedRun> upForGrabs(Instant now, int limit) {
                    reach();
                    return ledger.upForGrabs(now, limit);
                }

                @Override
                public ClaimedRun takeOver(ClaimedRun seen, String instanceId, int attempt, Instant leaseEnd) {
                    reach();
                    return ledger.takeOver(seen, instanceId, attempt, leaseEnd);
                }

                @Override
                public List<ClaimedRun> all() {
                    return ledger.all();
                }
            };
        }
    }
}
