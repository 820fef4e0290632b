package io.github.apscheduler4j.test;

import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobChanges;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobCounts;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.RunLedger;
import io.github.apscheduler4j.store.StaleJobException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do, written once against the SPI. A backend's test extends this and
 * supplies only {@link #createStore()}: a started, empty store.
 */
public abstract class JobStoreContract {

    protected static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    protected JobStore store;

    /** A started store holding no jobs. */
    protected abstract JobStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) { // null when the backend is absent and the test skipped
            store.shutdown();
        }
    }

    /** Adds {@code jobs} to the store in this order. */
    private void addJobs(Job... jobs) {
        for (Job job : jobs) {
            store.addJob(job);
        }
    }

    /** The job as the store holds it, for comparisons that ignore the store-owned version. */
    protected static Job withoutVersion(Job job) {
        return job == null ? null : job.withVersion(0);
    }

    @Test
    void addsAJobAndLooksItUpWithEveryField() {
        Job job = job("a", T0).withJobstore("default");

        store.addJob(job);

        Job stored = store.lookupJob("a");
        assertThat(withoutVersion(stored)).isEqualTo(job);
        assertThat(stored.trigger().arguments()).isEqualTo(job.trigger().arguments());
        assertThat(stored.nextRunTime().toInstant()).isEqualTo(T0);
        assertThat(stored.version()).isPositive();
    }

    @Test
    void countsScheduledAndPausedJobs() {
        assertThat(store.countJobs()).isEqualTo(new JobCounts(0, 0));
        store.addJobs(List.of(job("a", T0), job("b", T0.plusSeconds(5)), job("paused", null)));

        assertThat(store.countJobs()).isEqualTo(new JobCounts(2, 1));
        store.removeJob("a");
        assertThat(store.countJobs()).isEqualTo(new JobCounts(1, 1));
    }

    @Test
    void looksUpNothingForAnUnknownId() {
        assertThat(store.lookupJob("missing")).isNull();
    }

    @Test
    void refusesADuplicateId() {
        store.addJob(job("a", T0));

        assertThatThrownBy(() -> store.addJob(job("a", T0.plusSeconds(5))))
                .isInstanceOf(ConflictingIdException.class)
                .hasMessageContaining("a");
        assertThat(store.lookupJob("a").nextRunTime().toInstant()).isEqualTo(T0);
    }

    @Test
    void addsABatchOfJobsAndReadsThemBack() {
        List<Job> batch = Stream.of(job("b", T0.plusSeconds(10)), job("a", T0), job("paused", null),
                job("c", T0.plusSeconds(10))).map(job -> job.withJobstore("default")).toList();

        store.addJobs(batch);
        store.addJobs(List.of());

        for (Job job : batch) {
            Job stored = store.lookupJob(job.id());
            assertThat(withoutVersion(stored)).as(job.id()).isEqualTo(job);
            assertThat(stored.version()).isPositive();
        }
        assertThat(store.allJobs()).extracting(Job::id).containsExactly("a", "b", "c", "paused");
        assertThat(store.nextRunTime()).isEqualTo(T0);
        assertThat(store.claimJob(store.dueJobs(T0).get(0), T0.plusSeconds(60).atZone(ContractJobs.ZONE))).isTrue();
        assertThat(store.dueJobs(T0.plusSeconds(10))).extracting(Job::id).containsExactly("b", "c");
    }

    @Test
    void refusesABatchWithATakenOrRepeatedIdAndAddsNoneOfIt() {
        store.addJob(job("a", T0));

        assertThatThrownBy(() -> store.addJobs(List.of(job("b", T0), job("a", T0.plusSeconds(5)), job("c", T0))))
                .isInstanceOfSatisfying(ConflictingIdException.class, e -> assertThat(e.jobId()).isEqualTo("a"))
                .hasMessageContaining("(a)");
        assertThatThrownBy(() -> store.addJobs(List.of(job("d", T0), job("e", T0), job("d", T0.plusSeconds(5)))))
                .isInstanceOfSatisfying(ConflictingIdException.class, e -> assertThat(e.jobId()).isEqualTo("d"))
                .hasMessageContaining("(d)");

        assertThat(store.allJobs()).extracting(Job::id).containsExactly("a");
        assertThat(store.lookupJob("a").nextRunTime().toInstant()).isEqualTo(T0);
        store.addJobs(List.of(job("b", T0), job("d", T0)));
        assertThat(store.allJobs()).extracting(Job::id).containsExactly("a", "b", "d");
    }

    @Test
    void updatesAJobAndRaisesItsVersion() {
        store.addJob(job("a", T0));
        Job before = store.lookupJob("a");

        store.updateJob(JobChanges.create().name("renamed").applyTo(before).withNextRunTime(T0.plusSeconds(60)
                .atZone(ContractJobs.ZONE)));

        Job after = store.lookupJob("a");
        assertThat(after.name()).isEqualTo("renamed");
        assertThat(after.nextRunTime().toInstant()).isEqualTo(T0.plusSeconds(60));
        assertThat(after.version()).isGreaterThan(before.version());
    }

    @Test
    void refusesAnUpdateBasedOnAnOldReadAndWritesNothing() {
        store.addJob(job("a", T0));
        Job read = store.lookupJob("a");
        assertThat(store.claimJob(read, T0.plusSeconds(60).atZone(ContractJobs.ZONE))).as("claimed since read").isTrue();

        assertThatThrownBy(() -> store.updateJob(JobChanges.create().name("renamed").applyTo(read)))
                .isInstanceOf(StaleJobException.class)
                .hasMessageContaining("'a'");

        Job stored = store.lookupJob("a");
        assertThat(stored.name()).as("not renamed").isNotEqualTo("renamed");
        assertThat(stored.nextRunTime().toInstant()).as("the claimed run is not rewound").isEqualTo(T0.plusSeconds(60));
        store.updateJob(JobChanges.create().name("renamed").applyTo(stored));
        assertThat(store.lookupJob("a").name()).isEqualTo("renamed");
    }

    @Test
    void refusesToUpdateAnUnknownJob() {
        assertThatThrownBy(() -> store.updateJob(job("missing", T0)))
                .isInstanceOf(JobLookupException.class)
                .hasMessage("No job by the id of missing was found");
    }

    @Test
    void removesAJob() {
        addJobs(job("a", T0), job("b", T0));

        store.removeJob("a");

        assertThat(store.lookupJob("a")).isNull();
        assertThat(store.allJobs()).extracting(Job::id).containsExactly("b");
        assertThatThrownBy(() -> store.removeJob("a")).isInstanceOf(JobLookupException.class);
    }

    @Test
    void removesAllJobs() {
        addJobs(job("a", T0), job("b", null));

        store.removeAllJobs();

        assertThat(store.allJobs()).isEmpty();
        assertThat(store.nextRunTime()).isNull();
    }

    @Test
    void returnsDueJobsEarliestFirst() {
        addJobs(job("late", T0.plusSeconds(20)), job("b", T0), job("a", T0), job("future", T0.plusSeconds(3600)));

        List<Job> due = store.dueJobs(T0.plusSeconds(20));

        assertThat(due).extracting(Job::id).hasSize(3).endsWith("late");
        assertThat(due.subList(0, 2)).extracting(Job::id).containsExactlyInAnyOrder("a", "b");
        assertThat(store.dueJobs(T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void listsJobsOfTheSameNextRunTimeById() {
        addJobs(job("c", T0), job("a", T0), job("b", T0), job("early", T0.minusSeconds(1)));
        store.removeJob("c");

        assertThat(store.allJobs()).extracting(Job::id).containsExactly("early", "a", "b");
    }

    @Test
    void neverReturnsPausedJobsAsDue() {
        addJobs(job("paused", null), job("due", T0));

        assertThat(store.dueJobs(T0.plusSeconds(86_400))).extracting(Job::id).containsExactly("due");
    }

    @Test
    void givesTheEarliestNextRunTimeOfScheduledJobs() {
        assertThat(store.nextRunTime()).isNull();

        store.addJob(job("paused", null));
        assertThat(store.nextRunTime()).isNull();

        addJobs(job("b", T0.plusSeconds(30)), job("a", T0.plusSeconds(10)));
        assertThat(store.nextRunTime()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void listsScheduledJobsByNextRunTimeThenPausedOnes() {
        addJobs(job("p2", null), job("late", T0.plusSeconds(30)), job("p1", null), job("early", T0));

        assertThat(store.allJobs()).extracting(Job::id).containsExactly("early", "late", "p1", "p2");
    }

    @Test
    void pausingAndResumingMovesAJobOutOfAndBackIntoTheSchedule() {
        store.addJob(job("a", T0));
        store.updateJob(store.lookupJob("a").withNextRunTime(null));

        assertThat(store.lookupJob("a").isPaused()).isTrue();
        assertThat(store.dueJobs(T0)).isEmpty();
        assertThat(store.nextRunTime()).isNull();

        store.updateJob(store.lookupJob("a").withNextRunTime(T0.atZone(ContractJobs.ZONE)));
        assertThat(store.dueJobs(T0)).extracting(Job::id).containsExactly("a");
    }

    @Test
    void claimingADueJobMovesItToItsNextRunTime() {
        store.addJob(job("a", T0));
        Job due = store.dueJobs(T0).get(0);

        assertThat(store.claimJob(due, T0.plusSeconds(60).atZone(ContractJobs.ZONE))).isTrue();

        assertThat(store.lookupJob("a").nextRunTime().toInstant()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.dueJobs(T0)).isEmpty();
        assertThat(store.nextRunTime()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void removesADueJobWhoseTriggerIsExhausted() {
        store.addJob(job("a", T0));

        assertThat(store.claimJob(store.dueJobs(T0).get(0), null)).isTrue();

        assertThat(store.lookupJob("a")).isNull();
    }

    @Test
    void refusesToClaimAJobChangedSinceItWasRead() {
        store.addJob(job("a", T0));
        Job due = store.dueJobs(T0).get(0);
        store.updateJob(JobChanges.create().name("changed").applyTo(due));

        assertThat(store.claimJob(due, T0.plusSeconds(60).atZone(ContractJobs.ZONE))).isFalse();
        assertThat(store.claimJob(due, null)).isFalse();

        assertThat(store.lookupJob("a").nextRunTime().toInstant()).isEqualTo(T0);
        assertThat(store.lookupJob("a").name()).isEqualTo("changed");
    }

    @Test
    void refusesToClaimARemovedJob() {
        store.addJob(job("a", T0));
        Job due = store.dueJobs(T0).get(0);
        store.removeJob("a");

        assertThat(store.claimJob(due, T0.plusSeconds(60).atZone(ContractJobs.ZONE))).isFalse();
        assertThat(store.lookupJob("a")).isNull();
    }

    @Test
    void claimsABatchOfDueJobsAndAnswersWhichWonByPosition() {
        addJobs(job("a", T0), job("b", T0), job("c", T0), job("d", T0.plusSeconds(30)));
        Map<String, Job> due = new HashMap<>();
        store.dueJobs(T0.plusSeconds(30)).forEach(job -> due.put(job.id(), job));
        store.updateJob(JobChanges.create().name("changed").applyTo(due.get("b")));
        JobClaim moved = new JobClaim(due.get("a"), T0.plusSeconds(60).atZone(ContractJobs.ZONE));
        JobClaim stale = new JobClaim(due.get("b"), T0.plusSeconds(60).atZone(ContractJobs.ZONE));
        JobClaim removed = new JobClaim(due.get("c"), null);
        JobClaim later = new JobClaim(due.get("d"), T0.plusSeconds(90).atZone(ContractJobs.ZONE));

        BitSet won = store.claimJobs(List.of(moved, stale, removed, later));

        assertThat(won.stream().boxed().toList()).as("positions of the claims that won").containsExactly(0, 2, 3);
        assertThat(store.lookupJob("a").nextRunTime().toInstant()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.lookupJob("a").version()).isGreaterThan(due.get("a").version());
        assertThat(store.lookupJob("b").name()).isEqualTo("changed");
        assertThat(store.lookupJob("c")).isNull();
        assertThat(store.dueJobs(T0.plusSeconds(30))).extracting(Job::id).containsExactly("b");
        assertThat(store.dueJobs(T0.plusSeconds(90))).extracting(Job::id).containsExactly("b", "a", "d");
        assertThat(store.claimJobs(List.of(moved, removed)).isEmpty()).as("claims already made win no more").isTrue();
    }

    @Test
    void letsExactlyOneOfManyConcurrentClaimsWin() throws Exception {
        int jobs = 20;
        int contenders = 4;
        for (int i = 0; i < jobs; i++) {
            store.addJob(job("job-" + i, T0));
        }
        List<Job> due = store.dueJobs(T0);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> wins = new ArrayList<>();
            for (int c = 0; c < contenders; c++) {
                Callable<Integer> contender = () -> {
                    start.await();
                    int won = 0;
                    for (Job job : due) {
                        if (store.claimJob(job, T0.plusSeconds(60).atZone(ContractJobs.ZONE))) {
                            won++;
                        }
                    }
                    return won;
                };
                wins.add(pool.submit(contender));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> win : wins) {
                total += win.get();
            }
            assertThat(total).isEqualTo(jobs);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.dueJobs(T0)).isEmpty();
    }

    // ---------------------------------------------------------------- the run ledger

    private RunLedger ledger() {
        RunLedger ledger = store.runLedger();
        assumeTrue(ledger != null, "the store keeps no run ledger of its own");
        return ledger;
    }

    /** Claims the due job's run at {@code T0}, moving it on a minute, with its run held by {@code instanceId}. */
    protected final ClaimedRun claimRun(Job due, String instanceId, Instant leaseEnd, boolean exhausted) {
        ClaimedRun run = ClaimedRun.claimed(due, T0, instanceId, leaseEnd);
        BitSet won = store.claimJobs(List.of(new JobClaim(due, exhausted ? null : due.nextRunTime().plusMinutes(1),
                run)));
        assertThat(won.get(0)).as("claim of %s", due.id()).isTrue();
        return run;
    }

    /** Adds a job due at {@code T0} and claims its run for web-1; returns the job as it was due. */
    private Job addAndClaim(String id, boolean exhausted) {
        store.addJob(job(id, T0));
        Job due = store.lookupJob(id);
        claimRun(due, "web-1", T0.plusSeconds(10), exhausted);
        return due;
    }

    @Test
    void recordsTheRunOfAClaimWithTheClaimAndNoneOfAClaimThatLost() {
        RunLedger ledger = ledger();
        Job due = addAndClaim("a", false);
        BitSet lost = store.claimJobs(List.of(new JobClaim(due, due.nextRunTime().plusMinutes(1),
                ClaimedRun.claimed(due, T0.plusSeconds(1), "web-2", T0.plusSeconds(10)))));

        assertThat(lost.get(0)).isFalse();
        assertThat(ledger.all()).singleElement().satisfies(run -> {
            assertThat(run.jobId()).isEqualTo("a");
            assertThat(run.fireTime()).isEqualTo(T0);
            assertThat(run.instanceId()).isEqualTo("web-1");
            assertThat(run.leaseEnd()).isEqualTo(T0.plusSeconds(10));
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.phase()).isEqualTo(ClaimedRun.Phase.RUNNING);
            assertThat(run.job().target().reference()).isEqualTo(due.target().reference());
        });
    }

    @Test
    void keepsTheJobOfARunWhoseClaimExhaustedItsTrigger() {
        RunLedger ledger = ledger();
        Job due = addAndClaim("last", true);

        assertThat(store.lookupJob("last")).as("the job, whose trigger has no more fires").isNull();
        assertThat(ledger.all()).singleElement().satisfies(run -> {
            assertThat(run.job().id()).isEqualTo("last");
            assertThat(run.job().trigger().arguments()).isEqualTo(due.trigger().arguments());
            assertThat(run.job().args()).isEqualTo(due.args());
        });
    }

    @Test
    void renewsTheLeasesOfTheRunsAnInstanceStillHolds() {
        RunLedger ledger = ledger();
        store.addJob(job("a", T0));
        store.addJob(job("b", T0));
        ClaimedRun a = claimRun(store.lookupJob("a"), "web-1", T0.plusSeconds(10), false);
        ClaimedRun b = claimRun(store.lookupJob("b"), "web-2", T0.plusSeconds(10), false);

        ledger.renew("web-1", List.of(a), T0.plusSeconds(30));
        ledger.renew("web-1", List.of(b), T0.plusSeconds(90));

        assertThat(ledger.all()).as("b is web-2's").extracting(ClaimedRun::jobId, ClaimedRun::leaseEnd)
                .containsExactlyInAnyOrder(tuple("a", T0.plusSeconds(30)), tuple("b", T0.plusSeconds(10)));
        assertThat(ledger.upForGrabs(T0.plusSeconds(11), 10)).extracting(ClaimedRun::jobId).containsExactly("b");

        ledger.renew("web-2", List.of(b), T0.plusSeconds(60));
        assertThat(ledger.upForGrabs(T0.plusSeconds(12), 10))
                .as("a lease that ran out while no instance took the run over, renewed by its holder").isEmpty();
        ledger.renew("web-1", List.of(), T0.plusSeconds(90));
        assertThat(ledger.all()).extracting(ClaimedRun::leaseEnd)
                .containsExactlyInAnyOrder(T0.plusSeconds(30), T0.plusSeconds(60));
    }

    @Test
    void expiresTheLeasesAnEarlierProcessUnderTheSameInstanceIdLeft() {
        RunLedger ledger = ledger();
        store.addJob(job("a", T0));
        store.addJob(job("b", T0));
        claimRun(store.lookupJob("a"), "web-1", T0.plusSeconds(10), false);
        claimRun(store.lookupJob("b"), "web-2", T0.plusSeconds(10), false);

        ledger.expireLeases("web-1", T0.plusSeconds(1));

        assertThat(ledger.upForGrabs(T0.plusSeconds(2), 10)).extracting(ClaimedRun::jobId).containsExactly("a");
    }

    @Test
    void endsARunOnlyForTheInstanceThatHoldsIt() {
        RunLedger ledger = ledger();
        store.addJob(job("a", T0));
        ClaimedRun run = claimRun(store.lookupJob("a"), "web-1", T0.plusSeconds(10), false);

        ledger.end(new ClaimedRun(run.jobId(), run.fireTime(), "web-2", run.leaseEnd(), 1, run.phase(), 0, run.job()));
        assertThat(ledger.all()).hasSize(1);
        ledger.end(run);
        assertThat(ledger.all()).isEmpty();
    }

    @Test
    void releasesARunToWaitAndLetsExactlyOneOfTwoInstancesTakeItOver() {
        RunLedger ledger = ledger();
        store.addJob(job("a", T0));
        ClaimedRun run = claimRun(store.lookupJob("a"), "web-1", T0.plusSeconds(10), false);

        assertThat(ledger.release(run, ClaimedRun.Phase.RETRY_DUE, 2, T0.plusSeconds(5))).isTrue();
        assertThat(ledger.upForGrabs(T0.plusSeconds(4), 10)).isEmpty();
        ClaimedRun waiting = ledger.upForGrabs(T0.plusSeconds(5), 10).get(0);
        assertThat(waiting.phase()).isEqualTo(ClaimedRun.Phase.RETRY_DUE);
        assertThat(waiting.attempt()).isEqualTo(2);
        assertThat(waiting.instanceId()).isNull();

        ClaimedRun first = ledger.takeOver(waiting, "web-2", 2, T0.plusSeconds(20));
        ClaimedRun second = ledger.takeOver(waiting, "web-3", 2, T0.plusSeconds(20));

        assertThat(first).isNotNull();
        assertThat(second).as("a take-over based on the same reading").isNull();
        assertThat(ledger.all()).singleElement().satisfies(taken -> {
            assertThat(taken.instanceId()).isEqualTo("web-2");
            assertThat(taken.phase()).isEqualTo(ClaimedRun.Phase.RUNNING);
            assertThat(taken.leaseEnd()).isEqualTo(T0.plusSeconds(20));
        });
        assertThat(ledger.release(run, ClaimedRun.Phase.RETRY_DUE, 3, T0)).as("a release by the former holder")
                .isFalse();
        ledger.end(first);
        assertThat(ledger.all()).isEmpty();
    }
}
