package io.github.apscheduler4j.test;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobChanges;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.Reconciliation;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.StaleJobException;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.RunLedger;
import io.github.apscheduler4j.time.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a store that several schedulers share must do on top of {@link PersistentJobStoreContract}: say it is
 * shared, let exactly one of several store objects on one backend claim each due run, show each store object the
 * jobs added, changed and removed through another, record which instance claimed a run and when, let instances that
 * start at once reconcile a declared job into one record, and pass the {@link ClusterFuzzer}. A backend's test adds only a raw reading of the claim its backend holds.
 */
public abstract class SharedJobStoreContract extends PersistentJobStoreContract {

    /**
     * The claim the backend holds for the job, read past the store ({@code claimed_by}, {@code claimed_at}), or
     * {@code null} when the record has none or there is no record.
     */
    protected abstract RecordedClaim readClaim(String id);

    /** A store object started as the scheduler {@code instanceId} would start it, with {@code clock}. */
    /**
     * A store object with connections of its own, as another instance's would be (its own pool or client, closed by
     * its shutdown), for the cluster fuzz: the store's {@link #newStore()} unless a backend says otherwise.
     */
    protected JobStore newStoreWithItsOwnConnections() {
        return newStore();
    }

    protected final JobStore openStoreOf(String instanceId, Clock clock) {
        return openAnotherStore(new JobStoreContext("default", new ClassTargetResolver(), ZONE, clock, instanceId,
                () -> {
                }));
    }

    @Test
    void saysItIsShared() {
        assertThat(store.isShared()).isTrue();
    }

    @Test
    void letsExactlyOneOfThreeStoreObjectsClaimEachDueJob() throws Exception {
        claimByThreeStoreObjects(1);
    }

    @Test
    void letsExactlyOneOfThreeStoreObjectsClaimEachDueJobInBatches() throws Exception {
        // each claims its due jobs in batches, in an order of its own: the store must neither lose nor double a claim
        // and must not deadlock on rows another claims at the same time
        claimByThreeStoreObjects(8);
    }

    private void claimByThreeStoreObjects(int batch) throws Exception {
        int jobs = 30;
        for (int i = 0; i < jobs; i++) {
            store.addJob(job("job-" + i, T0));
        }
        List<JobStore> stores = List.of(openStoreOf("node-1", Clock.systemUTC()), openStoreOf("node-2",
                Clock.systemUTC()), openStoreOf("node-3", Clock.systemUTC()));
        List<List<Job>> seen = new ArrayList<>();
        for (JobStore each : stores) {
            List<Job> due = new ArrayList<>(each.dueJobs(T0));
            assertThat(due).hasSize(jobs);
            Collections.shuffle(due, new Random(seen.size()));
            seen.add(due);
        }

        ExecutorService pool = Executors.newFixedThreadPool(stores.size());
        List<List<String>> won = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> claims = new ArrayList<>();
            for (int i = 0; i < stores.size(); i++) {
                claims.add(pool.submit(claimAll(start, stores.get(i), seen.get(i), next(i), batch)));
            }
            start.countDown();
            for (Future<List<String>> claim : claims) {
                won.add(claim.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> all = new ArrayList<>();
        won.forEach(all::addAll);
        assertThat(all).hasSize(jobs).doesNotHaveDuplicates();
        for (int i = 0; i < stores.size(); i++) {
            for (String id : won.get(i)) {
                // the winner's write is the one every store object sees
                assertThat(store.lookupJob(id).nextRunTime()).as(id).isEqualTo(next(i));
                assertThat(readClaim(id).instanceId()).as("claim of %s", id).isEqualTo("node-" + (i + 1));
            }
        }
        assertThat(store.dueJobs(T0)).isEmpty();
    }

    private static ZonedDateTime next(int index) {
        return T0.plusSeconds(60L * (index + 1)).atZone(ZONE);
    }

    private static Callable<List<String>> claimAll(CountDownLatch start, JobStore store, List<Job> due,
            ZonedDateTime next, int batch) {
        return () -> {
            start.await();
            List<String> won = new ArrayList<>();
            for (int from = 0; from < due.size(); from += batch) {
                List<Job> jobs = due.subList(from, Math.min(from + batch, due.size()));
                if (batch == 1) {
                    if (store.claimJob(jobs.get(0), next)) {
                        won.add(jobs.get(0).id());
                    }
                    continue;
                }
                List<JobClaim> claims = new ArrayList<>();
                jobs.forEach(job -> claims.add(new JobClaim(job, next)));
                store.claimJobs(claims).stream().forEach(i -> won.add(jobs.get(i).id()));
            }
            return won;
        };
    }

    // ---------------------------------------------------------------- the run ledger across store objects

    private static RunLedger ledgerOf(JobStore store) {
        RunLedger ledger = store.runLedger();
        assumeTrue(ledger != null, "the store keeps no run ledger of its own");
        return ledger;
    }

    @Test
    void aRunClaimedThroughOneStoreObjectIsSeenRenewedAndTakenOverThroughAnother() {
        JobStore one = openStoreOf("node-1", Clock.systemUTC());
        JobStore two = openStoreOf("node-2", Clock.systemUTC());
        RunLedger here = ledgerOf(one);
        RunLedger there = ledgerOf(two);
        one.addJob(job("a", T0));
        Job due = one.lookupJob("a");
        ClaimedRun run = ClaimedRun.claimed(due, T0, "node-1", T0.plusSeconds(10));
        assertThat(one.claimJobs(List.of(new JobClaim(due, due.nextRunTime().plusMinutes(1), run))).get(0)).isTrue();

        ClaimedRun seen = there.all().get(0);
        assertThat(there.all()).singleElement().satisfies(each -> {
            assertThat(each.fireId()).isEqualTo(run.fireId());
            assertThat(each.instanceId()).isEqualTo("node-1");
            assertThat(each.phase()).isEqualTo(ClaimedRun.Phase.RUNNING);
            assertThat(each.attempt()).isEqualTo(1);
            assertThat(each.job().target().reference()).isEqualTo(ContractJobs.NOOP);
            assertThat(each.job().args()).isEqualTo(due.args());
        });
        assertThat(there.upForGrabs(T0.plusSeconds(10), 10)).as("a lease ending now has not run out").isEmpty();

        here.renew("node-1", List.of(run), T0.plusSeconds(30));
        assertThat(there.upForGrabs(T0.plusSeconds(11), 10)).as("a renewed lease").isEmpty();
        assertThat(there.takeOver(seen, "node-2", 2, T0.plusSeconds(60)))
                .as("a take-over based on a reading before the renewal").isNull();

        ClaimedRun runOut = there.upForGrabs(T0.plusSeconds(31), 10).get(0);
        assertThat(runOut.leaseEnd()).isEqualTo(T0.plusSeconds(30));
        ClaimedRun taken = there.takeOver(runOut, "node-2", 2, T0.plusSeconds(60));
        assertThat(taken).isNotNull();
        assertThat(here.takeOver(runOut, "node-3", 2, T0.plusSeconds(60))).as("a second take-over").isNull();

        here.end(run);
        assertThat(here.release(run, ClaimedRun.Phase.RETRY_DUE, 2, T0)).as("a release by the former holder").isFalse();
        here.renew("node-1", List.of(run), T0.plusSeconds(90));
        assertThat(here.all()).as("after the former holder's late end, release and renewal").singleElement()
                .satisfies(each -> {
                    assertThat(each.instanceId()).isEqualTo("node-2");
                    assertThat(each.attempt()).isEqualTo(2);
                    assertThat(each.leaseEnd()).isEqualTo(T0.plusSeconds(60));
                    assertThat(each.version()).isEqualTo(taken.version());
                });
        there.end(taken);
        assertThat(here.all()).isEmpty();
    }

    @Test
    void aBatchOfClaimsRecordsTheRunsOfTheClaimsThatWonOnly() {
        JobStore one = openStoreOf("node-1", Clock.systemUTC());
        RunLedger ledger = ledgerOf(openStoreOf("node-2", Clock.systemUTC()));
        for (String id : List.of("a", "b", "c", "last", "plain")) {
            one.addJob(job(id, T0));
        }
        Job stale = one.lookupJob("b");
        one.updateJob(JobChanges.create().name("changed").applyTo(stale));
        List<JobClaim> claims = new ArrayList<>();
        for (String id : List.of("c", "b", "last", "a")) {
            Job due = id.equals("b") ? stale : one.lookupJob(id);
            claims.add(new JobClaim(due, id.equals("last") ? null : due.nextRunTime().plusMinutes(1),
                    ClaimedRun.claimed(due, T0, "node-1", T0.plusSeconds(10))));
        }
        Job plain = one.lookupJob("plain");
        claims.add(new JobClaim(plain, plain.nextRunTime().plusMinutes(1)));

        BitSet won = one.claimJobs(claims);

        assertThat(won.stream().boxed().toList()).containsExactly(0, 2, 3, 4);
        assertThat(ledger.all()).extracting(ClaimedRun::jobId).containsExactly("a", "c", "last");
        assertThat(one.lookupJob("last")).isNull();
    }

    @Test
    void keepsTheFireTimeOfARunExactlySoThatItsFireIdStaysTheSameAcrossInstances() {
        JobStore one = openStoreOf("node-1", Clock.systemUTC());
        RunLedger there = ledgerOf(openStoreOf("node-2", Clock.systemUTC()));
        Instant fire = T0.plusNanos(123_456_789);
        one.addJob(job("a", fire));
        Job due = one.lookupJob("a");
        ClaimedRun run = ClaimedRun.claimed(due, fire, "node-1", T0.plusSeconds(10));
        assertThat(one.claimJobs(List.of(new JobClaim(due, due.nextRunTime().plusMinutes(1), run))).get(0)).isTrue();

        assertThat(there.all()).extracting(ClaimedRun::fireId).containsExactly(run.fireId());
        ClaimedRun taken = there.takeOver(there.upForGrabs(T0.plusSeconds(11), 1).get(0), "node-2", 2,
                T0.plusSeconds(60));
        assertThat(taken.fireTime()).isEqualTo(fire);
        there.end(taken);
        assertThat(there.all()).isEmpty();
    }

    @Test
    void showsEachStoreObjectTheChangesMadeThroughAnother() {
        JobStore here = openStoreOf("node-1", Clock.systemUTC());
        JobStore there = openStoreOf("node-2", Clock.systemUTC());

        here.addJob(job("a", T0));
        assertThat(there.dueJobs(T0)).extracting(Job::id).containsExactly("a");
        assertThat(there.nextRunTime()).isEqualTo(T0);

        here.updateJob(JobChanges.create().name("paused").applyTo(here.lookupJob("a")).withNextRunTime(null));
        assertThat(there.dueJobs(T0.plusSeconds(3600))).isEmpty();
        assertThat(there.nextRunTime()).isNull();
        assertThat(there.lookupJob("a").name()).isEqualTo("paused");

        here.updateJob(here.lookupJob("a").withNextRunTime(T0.plusSeconds(5).atZone(ZONE)));
        assertThat(there.dueJobs(T0.plusSeconds(5))).extracting(Job::id).containsExactly("a");

        here.removeJob("a");
        assertThat(there.lookupJob("a")).isNull();
        assertThat(there.dueJobs(T0.plusSeconds(5))).isEmpty();
    }

    @Test
    void recordsWhichInstanceClaimedARunAndWhen() {
        MutableClock clockOne = MutableClock.at(Instant.parse("2026-06-01T10:00:00.123Z"), ZONE);
        MutableClock clockTwo = MutableClock.at(Instant.parse("2026-06-01T10:01:00.456Z"), ZONE);
        JobStore one = openStoreOf("node-1", clockOne);
        JobStore two = openStoreOf("node-2", clockTwo);
        one.addJob(job("a", T0));
        assertThat(readClaim("a")).as("claim of a job never run").isNull();

        Job firstRun = one.dueJobs(T0).get(0);
        assertThat(one.claimJob(firstRun, T0.plusSeconds(60).atZone(ZONE))).isTrue();
        assertThat(readClaim("a")).isEqualTo(new RecordedClaim("node-1", clockOne.instant()));

        Job secondRun = two.dueJobs(T0.plusSeconds(60)).get(0);
        assertThat(two.claimJob(secondRun, T0.plusSeconds(120).atZone(ZONE))).isTrue();
        assertThat(readClaim("a")).isEqualTo(new RecordedClaim("node-2", clockTwo.instant()));

        clockOne.advance(Duration.ofMinutes(5));
        assertThat(one.claimJob(firstRun, T0.plusSeconds(180).atZone(ZONE))).as("a stale claim").isFalse();
        assertThat(readClaim("a")).as("claim after a lost race").isEqualTo(new RecordedClaim("node-2", clockTwo.instant()));
    }

    @Test
    void anUpdateBasedOnAReadBeforeAnotherStoreObjectsClaimIsRefused() {
        JobStore here = openStoreOf("node-1", Clock.systemUTC());
        JobStore there = openStoreOf("node-2", Clock.systemUTC());
        here.addJob(job("a", T0));
        Job readHere = here.lookupJob("a");

        assertThat(there.claimJob(there.dueJobs(T0).get(0), T0.plusSeconds(60).atZone(ZONE))).isTrue();

        assertThatThrownBy(() -> here.updateJob(readHere.withNextRunTime(T0.atZone(ZONE))))
                .isInstanceOf(StaleJobException.class);
        assertThat(there.lookupJob("a").nextRunTime().toInstant()).as("the claimed run is not rewound")
                .isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void twoInstancesReconcilingADeclaredJobAtOnceConvergeOnOneRecord() throws Exception {
        BackgroundScheduler one = new BackgroundScheduler(SchedulerConfig.builder().instanceId("node-1").timezone(ZONE)
                .jobstore("default", newStore()).build());
        BackgroundScheduler two = new BackgroundScheduler(SchedulerConfig.builder().instanceId("node-2").timezone(ZONE)
                .jobstore("default", newStore()).build());
        one.start(true);
        two.start(true);
        try {
            JobSpec.Builder declared = JobSpec.builder(ContractJobs.NOOP).id("declared");
            assertThat(reconcileAtOnce(one, two, declared.trigger("interval", Map.of("hours", 1)).build()))
                    .containsExactlyInAnyOrder(Reconciliation.ADDED, Reconciliation.UNCHANGED);
            Job added = store.lookupJob("declared");
            assertThat(reconcileAtOnce(one, two, declared.name("renamed").build()))
                    .containsExactlyInAnyOrder(Reconciliation.UPDATED, Reconciliation.UNCHANGED);

            Job converged = store.lookupJob("declared");
            assertThat(store.allJobs()).extracting(Job::id).containsExactly("declared");
            assertThat(converged.declared()).isTrue();
            assertThat(converged.name()).isEqualTo("renamed");
            assertThat(converged.version()).as("added, then updated once").isEqualTo(added.version() + 1);
            assertThat(converged.nextRunTime()).isEqualTo(added.nextRunTime());
        } finally {
            one.shutdown(false);
            two.shutdown(false);
        }
    }

    private static List<Reconciliation> reconcileAtOnce(Scheduler one, Scheduler two, JobSpec spec) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Reconciliation>> outcomes = new ArrayList<>();
            for (Scheduler scheduler : List.of(one, two)) {
                outcomes.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return scheduler.reconcileJob(spec);
                }));
            }
            List<Reconciliation> reconciled = new ArrayList<>();
            for (Future<Reconciliation> outcome : outcomes) {
                reconciled.add(outcome.get());
            }
            return reconciled;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void runsEveryFireOnceWhileAnOperatorChangesJobsThroughEveryScheduler() {
        ClusterFuzzer.Result result = ClusterFuzzer.builder(this::newStoreWithItsOwnConnections).instances(3).jobs(60).operatedJobs(20)
                .build().run();

        assertThat(result.operations()).as("changes made while the schedulers ran").isGreaterThan(20);
        System.out.println("[apscheduler-test] " + getClass().getSimpleName() + " fuzz with an operator: " + result);
    }

    @Test
    void runsEveryDueJobExactlyOnceAcrossThreeSchedulers() {
        ClusterFuzzer.Result result = ClusterFuzzer.builder(this::newStoreWithItsOwnConnections).instances(3).jobs(300).build().run();

        System.out.println("[apscheduler-test] " + getClass().getSimpleName() + " fuzz: " + result);
    }
}
