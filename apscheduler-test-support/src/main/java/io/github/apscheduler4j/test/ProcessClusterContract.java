package io.github.apscheduler4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.RunLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cluster as users run it: three scheduler instances in three JVMs of their own ({@link ClusterNode}s) on one
 * store, one of them killed with SIGKILL half-way, while {@value #JOBS} interval jobs run every {@link #INTERVAL},
 * each doing {@link ClusterNode#WORK} of work.
 *
 * <p>The test adds the jobs (half before the nodes start, half through this JVM once they run; their first fires
 * spread over the interval, coalescing off, a misfire grace time of {@link #MISFIRE_GRACE_TIME}), lets the nodes run
 * them for {@link #RUN_FOR}, kills {@code node-3} after {@link #KILL_AFTER} (on a store with a run ledger: once it
 * holds runs), and waits until every fire up to the end is accounted for, then stops the two others (SIGTERM). It
 * then checks the nodes' run log. On a store whose {@link JobStore#runLedger() run ledger} the nodes share, the fires
 * the killed node held are the ones its {@code node-3} rows named just after the kill, and:
 * <ul>
 *   <li>with {@code recovery: none} (the default): no fire is executed twice, and every fire up to the end that was
 *       not executed was reported abandoned (a {@code JobAbandoned} that a survivor recorded, once per fire), each a
 *       fire the killed node held, all of them within {@link ClusterNode#LEASE_DURATION} plus the poll interval
 *       (and {@link #RECOVERY_TOLERANCE}, for the database and this test's polling) of the kill;
 *   <li>with {@code recovery: rerun}: every fire up to the end is executed at least once; a fire executed twice is
 *       one the killed node held, executed by it as attempt 1 and by a survivor as attempt 2; every fire it held is
 *       executed by a survivor as attempt 2, within the lease plus the poll interval (and the tolerance and the
 *       work).
 * </ul>
 * On a store without one (each instance then keeps its runs in memory, which die with it), at most once: every fire
 * up to the end is executed once, but for fires that the killed node had claimed (the store's {@code claimed_by}
 * still named it just after the kill) within [kill &minus; poll interval &minus; 1 s, kill + 1 s]. In every case,
 * the killed node had done its part before the kill, and each survivor does a fair share after it.
 *
 * <p>A backend's leaf supplies the node main (a class whose {@code main(instanceId, pollInterval, backend
 * arguments...)} makes a store and a run log and calls {@link ClusterNode#run}), a store object for this JVM, and
 * raw readings of the run log and the claims. Nodes write their output to {@code target/cluster-logs/}; they are
 * killed whatever the outcome, and halt by themselves if this JVM dies.
 */
public abstract class ProcessClusterContract {

    protected static final Duration INTERVAL = Duration.ofSeconds(2);
    protected static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    protected static final Duration MISFIRE_GRACE_TIME = Duration.ofSeconds(60);
    /** As many as keep the survivors' 20 workers half busy with {@link ClusterNode#WORK} each. */
    protected static final int JOBS = 100;
    protected static final Duration KILL_AFTER = Duration.ofSeconds(8);
    protected static final Duration RUN_FOR = Duration.ofSeconds(16);
    /** Between adding the first jobs and their first fires: room for three JVMs to start. */
    private static final Duration LEAD = Duration.ofSeconds(6);
    protected static final Duration MARGIN = Duration.ofSeconds(1);
    /**
     * What the test allows beyond the lease and the poll interval for the killed node's fires to be reported or run
     * again: the database's time, the nodes' event handling and this test's polling of the run log (every 250 ms).
     */
    protected static final Duration RECOVERY_TOLERANCE = Duration.ofSeconds(2);
    /** How long after the kill the killed node's claims are looked at. */
    private static final Duration CLAIM_WATCH = Duration.ofMillis(1500);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String VICTIM = "node-3";

    /**
     * One outcome a node recorded.
     *
     * @param outcome {@code executed}, {@code missed}, {@code error}, {@code max_instances} or {@code abandoned}
     * @param attempt the attempt executed, or the one abandoned; 1 where the run log keeps none
     */
    public record Run(String jobId, Instant fireTime, String instanceId, String outcome, int attempt) {

        /** An outcome of a run log that keeps no attempt: attempt 1. */
        public Run(String jobId, Instant fireTime, String instanceId, String outcome) {
            this(jobId, fireTime, instanceId, outcome, 1);
        }

        /** The fire, to the millisecond the run logs keep: {@code jobId@epochMillis}. */
        String fire() {
            return jobId + "@" + fireTime.toEpochMilli();
        }
    }

    /** A job's record as the store holds it: next run time and the instance that last claimed a run of it. */
    public record ClaimedJob(String jobId, Instant nextRunTime, String claimedBy) {
    }

    /** The main class of a node, run as {@code main(instanceId, pollInterval, nodeArguments()...)}. */
    protected abstract Class<?> nodeMainClass();

    /** The arguments that tell a node where the backend, its store and its run log are. */
    protected abstract List<String> nodeArguments();

    /** A new, unstarted store object on the backend, for this JVM to add jobs through. */
    protected abstract JobStore newStore();

    /** Empties (creating them if needed) the job store and the run log. */
    protected abstract void resetBackend();

    /** Everything the nodes recorded so far, read straight from the backend. */
    protected abstract List<Run> runs();

    /** Every job's record as the store holds it, read straight from the backend. */
    protected abstract List<ClaimedJob> claims();

    /** What one cluster run left: the run log, and what the killed node held or had claimed when it died. */
    private record Outcome(List<Run> runs, Map<String, Instant> firstFires, Instant killTime, Instant endAt,
            Set<String> victimHeld, Map<String, ClaimedJob> victimClaims, Duration accountedFor, boolean ledger) {
    }

    @Test
    void runsEachFireAtMostOnceAndReportsTheFiresAKilledProcessHeldAbandonedWithRecoveryNone() throws Exception {
        Outcome outcome = runCluster(Recovery.NONE);
        List<Run> runs = outcome.runs();
        List<Run> executed = executed(runs);
        List<Run> missing = missing(runs, outcome.firstFires(), outcome.endAt());

        assertThat(runs).as("outcomes other than executed and abandoned")
                .filteredOn(run -> !Set.of("executed", "abandoned").contains(run.outcome())).isEmpty();
        assertThat(duplicates(executed)).as("fires executed more than once").isEmpty();
        if (outcome.ledger()) {
            List<Run> abandoned = runs.stream().filter(run -> run.outcome().equals("abandoned")).toList();
            Set<String> reported = abandoned.stream().map(Run::fire).collect(Collectors.toSet());
            assertThat(missing).as("fires neither executed nor reported abandoned")
                    .filteredOn(run -> !reported.contains(run.fire())).isEmpty();
            assertThat(abandoned).as("abandoned reports").extracting(Run::fire).doesNotHaveDuplicates()
                    .allMatch(outcome.victimHeld()::contains, "a fire the killed node held");
            assertThat(abandoned).as("abandoned reports").allMatch(run -> !run.instanceId().equals(VICTIM)
                    && run.attempt() == 1, "by a survivor, of attempt 1");
            assertThat(outcome.victimHeld()).as("the fires the killed node held, each executed by it or reported")
                    .allMatch(fire -> reported.contains(fire) || executed.stream().anyMatch(run -> run.fire()
                            .equals(fire) && run.instanceId().equals(VICTIM)));
            assertThat(outcome.victimHeld()).as("the fires the killed node held").isNotEmpty();
            assertThat(outcome.accountedFor()).as("from the kill until every fire the killed node held was reported")
                    .isLessThanOrEqualTo(ClusterNode.LEASE_DURATION.plus(POLL_INTERVAL).plus(RECOVERY_TOLERANCE));
        } else {
            assertThat(unexcused(missing, outcome.victimClaims(), outcome.killTime())).as("fires not executed")
                    .isEmpty();
        }
        assertFairShares(outcome, executed);
    }

    @Test
    void rerunsTheFiresAKilledProcessHeldOnceWithRecoveryRerun() throws Exception {
        assumeTrue(hasRunLedger(), "the store keeps no run ledger that its instances share");
        Outcome outcome = runCluster(Recovery.RERUN);
        List<Run> runs = outcome.runs();
        List<Run> executed = executed(runs);

        Set<String> uncertain = runs.stream().filter(run -> abandonedUncertainClaim(run, outcome.victimHeld()))
                .map(Run::fire).collect(Collectors.toSet());
        assertThat(runs).as("outcomes other than executed").filteredOn(run -> !run.outcome().equals("executed"))
                .allMatch(run -> uncertain.contains(run.fire()), "a fire the killed node held, reported abandoned");
        assertThat(missing(runs, outcome.firstFires(), outcome.endAt())).as("fires not executed")
                .filteredOn(run -> !uncertain.contains(run.fire())).isEmpty();
        duplicates(executed).forEach((fire, twice) -> {
            assertThat(outcome.victimHeld()).as("fires executed twice").contains(fire);
            assertThat(twice).as("the runs of %s", fire).extracting(Run::instanceId, Run::attempt)
                    .hasSize(2).contains(tuple(VICTIM, 1));
        });
        List<Run> reruns = executed.stream().filter(run -> run.attempt() > 1).toList();
        assertThat(reruns).as("runs of attempt 2 or later").allMatch(run -> run.attempt() == 2
                && !run.instanceId().equals(VICTIM) && outcome.victimHeld().contains(run.fire()),
                "attempt 2, by a survivor, of a fire the killed node held");
        assertThat(outcome.victimHeld()).as("the fires the killed node held").isNotEmpty();
        assertThat(reruns).extracting(Run::fire).as("the fires the killed node held, run again")
                .noneMatch(uncertain::contains)
                .containsExactlyInAnyOrderElementsOf(outcome.victimHeld().stream()
                        .filter(fire -> !uncertain.contains(fire)).toList());
        assertThat(outcome.accountedFor()).as("from the kill until every fire the killed node held ran again")
                .isLessThanOrEqualTo(ClusterNode.LEASE_DURATION.plus(POLL_INTERVAL).plus(RECOVERY_TOLERANCE)
                        .plus(ClusterNode.WORK));
        assertFairShares(outcome, executed);
    }

    private boolean hasRunLedger() {
        JobStore store = newStore();
        store.start(new JobStoreContext("default", new ClassTargetResolver(), UTC, Clock.systemUTC()));
        try {
            return store.runLedger() != null;
        } finally {
            store.shutdown();
        }
    }

    private static void assertFairShares(Outcome outcome, List<Run> executed) {
        Map<String, Long> beforeKill = countByInstance(executed, run -> run.fireTime().isBefore(outcome.killTime()));
        Instant afterKill = outcome.killTime().plus(MARGIN);
        Map<String, Long> afterKillCounts = countByInstance(executed, run -> run.fireTime().isAfter(afterKill));
        assertThat(executed).as("runs of the killed node after it was killed")
                .noneMatch(run -> run.instanceId().equals(VICTIM) && run.fireTime().isAfter(afterKill));
        assertThat(beforeKill.getOrDefault(VICTIM, 0L)).as("runs of the killed node before the kill").isPositive();
        long survivorsTotal = afterKillCounts.values().stream().mapToLong(Long::longValue).sum();
        assertThat(survivorsTotal).as("runs after the kill").isGreaterThan(JOBS);
        for (String survivor : List.of("node-1", "node-2")) {
            assertThat(afterKillCounts.getOrDefault(survivor, 0L)).as("share of %s after the kill (%s)", survivor,
                    afterKillCounts).isGreaterThanOrEqualTo(survivorsTotal / 5);
        }
    }

    /**
     * Runs the cluster with jobs of that recovery: until every fire up to the end is executed (or, where a run ledger
     * tells which fires the killed node held, reported abandoned, or excused as claimed by the killed node where none
     * does).
     */
    private Outcome runCluster(Recovery recovery) throws Exception {
        resetBackend();
        List<ChildJvm> nodes = new ArrayList<>();
        BackgroundScheduler admin = new BackgroundScheduler(SchedulerConfig.builder().instanceId("test-admin")
                .timezone(UTC).jobstore("default", newStore()).build());
        JobStore reader = newStore();
        reader.start(new JobStoreContext("default", new ClassTargetResolver(), UTC, Clock.systemUTC()));
        RunLedger ledger = reader.runLedger();
        admin.start(true); // adds jobs, never runs them
        boolean adminRunning = true;
        try {
            Instant firstFire = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Instant> firstFires = new TreeMap<>();
            addJobs(admin, 0, JOBS / 2, firstFire, firstFires, recovery);
            for (int i = 1; i <= 3; i++) {
                List<String> arguments = new ArrayList<>(List.of("node-" + i, POLL_INTERVAL.toString()));
                arguments.addAll(nodeArguments());
                nodes.add(ChildJvm.start("cluster-logs", getClass().getSimpleName() + "-" + recovery.word() + "-node-"
                        + i, nodeMainClass(), arguments));
            }
            for (int i = 1; i <= 3; i++) {
                nodes.get(i - 1).awaitLine(ClusterNode.READY + " node-" + i, Duration.ofSeconds(60));
            }
            addJobs(admin, JOBS / 2, JOBS, firstFire, firstFires, recovery);
            // the admin's heartbeat would take over the killed node's runs too, unrecorded: it leaves now
            admin.shutdown(false);
            adminRunning = false;
            Instant killAt = firstFire.plus(KILL_AFTER);
            Instant endAt = firstFire.plus(RUN_FOR);

            await("runs up to the kill time").atMost(untilPlus(killAt, Duration.ofSeconds(60)))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> latestFire(runs()).compareTo(killAt) >= 0);
            if (ledger != null) {
                // a kill that catches runs in progress, so that there is something to recover: one at least just
                // started, its work far from done
                await("the node to kill holding runs it just started").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> justStartedBy(ledger));
            }
            ChildJvm victim = nodes.get(2);
            Instant killTime = Instant.now();
            victim.kill();
            Map<String, ClaimedJob> victimClaims = new ConcurrentHashMap<>();
            Set<String> victimHeld = ConcurrentHashMap.newKeySet();
            watchVictim(victimClaims, victimHeld, ledger);
            Instant[] accounted = new Instant[1];

            await("every fire up to the end executed or accounted for").atMost(untilPlus(endAt, Duration.ofSeconds(60)))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        if (Instant.now().isBefore(killTime.plus(CLAIM_WATCH))) {
                            watchVictim(victimClaims, victimHeld, ledger);
                        }
                        List<Run> runs = runs();
                        if (accounted[0] == null && ledger != null && !Instant.now().isBefore(killTime.plus(CLAIM_WATCH))
                                && accountedFor(runs, victimHeld, recovery)) {
                            accounted[0] = Instant.now();
                        }
                        assertThat(latestFire(runs)).isAfterOrEqualTo(endAt);
                        List<Run> missing = missing(runs, firstFires, endAt);
                        if (ledger == null) {
                            assertThat(unexcused(missing, victimClaims, killTime)).as("fires not executed").isEmpty();
                        } else {
                            Set<String> abandoned = runs.stream().filter(run -> run.outcome().equals("abandoned"))
                                    .map(Run::fire).collect(Collectors.toSet());
                            assertThat(missing).as("fires neither executed nor reported abandoned")
                                    .filteredOn(run -> !abandoned.contains(run.fire())).isEmpty();
                            assertThat(accounted[0]).as("when the fires the killed node held were accounted for")
                                    .isNotNull();
                        }
                    });
            for (ChildJvm node : nodes.subList(0, 2)) {
                node.stop();
            }

            List<Run> runs = runs();
            List<Run> executed = executed(runs);
            Instant afterKill = killTime.plus(MARGIN);
            System.out.printf("[apscheduler-test] %s (recovery %s): %d jobs every %s, %d runs recorded; executed before"
                    + " the kill %s, after it %s; the killed node held %d fire(s), accounted for %s after the kill;"
                    + " %d fire(s) not executed, %d executed twice%n", getClass().getSimpleName(), recovery.word(),
                    JOBS, INTERVAL, runs.size(), countByInstance(executed, run -> run.fireTime().isBefore(killTime)),
                    countByInstance(executed, run -> run.fireTime().isAfter(afterKill)), victimHeld.size(),
                    accounted[0] == null ? "-" : Duration.between(killTime, accounted[0]),
                    missing(runs, firstFires, endAt).size(), duplicates(executed).size());
            return new Outcome(runs, firstFires, killTime, endAt, Set.copyOf(victimHeld), Map.copyOf(victimClaims),
                    accounted[0] == null ? null : Duration.between(killTime, accounted[0]), ledger != null);
        } finally {
            for (ChildJvm node : nodes) {
                node.destroy();
            }
            if (adminRunning) {
                admin.shutdown(false);
            }
            reader.shutdown();
        }
    }

    /** The fires the killed node holds in the ledger, as {@code jobId@epochMillis}. */
    private static Set<String> heldBy(RunLedger ledger) {
        return ledger.all().stream().filter(run -> VICTIM.equals(run.instanceId())
                && run.phase() == ClaimedRun.Phase.RUNNING)
                .map(run -> run.jobId() + "@" + run.fireTime().toEpochMilli()).collect(Collectors.toSet());
    }

    /** Whether the killed-to-be node holds a run fired less than a quarter of its work ago. */
    private static boolean justStartedBy(RunLedger ledger) {
        Instant recently = Instant.now().minus(ClusterNode.WORK.dividedBy(4));
        return ledger.all().stream().anyMatch(run -> VICTIM.equals(run.instanceId())
                && run.phase() == ClaimedRun.Phase.RUNNING && run.fireTime().isAfter(recently));
    }

    private void watchVictim(Map<String, ClaimedJob> victimClaims, Set<String> victimHeld, RunLedger ledger) {
        watchClaims(victimClaims);
        if (ledger != null) {
            victimHeld.addAll(heldBy(ledger));
        }
    }

    /** Whether every fire the killed node held was reported abandoned ({@code none}) or ran again ({@code rerun}). */
    private boolean accountedFor(List<Run> runs, Set<String> victimHeld, Recovery recovery) {
        Set<String> done = runs.stream().filter(run -> !run.instanceId().equals(VICTIM) && (recovery == Recovery.RERUN
                ? run.outcome().equals("executed") && run.attempt() == 2 || abandonedUncertainClaim(run, victimHeld)
                : run.outcome().equals("abandoned")))
                .map(Run::fire).collect(Collectors.toSet());
        return done.containsAll(victimHeld);
    }

    /**
     * Whether the store may report abandoned, instead of running again, a fire whose claim the killed instance
     * recorded but was killed before it could tell whether it won: a store that writes the run and the job without
     * one transaction (MongoDB) cannot tell, and runs it again nowhere rather than perhaps twice.
     */
    protected boolean reportsUncertainClaimsAbandoned() {
        return false;
    }

    private boolean abandonedUncertainClaim(Run run, Set<String> victimHeld) {
        return reportsUncertainClaimsAbandoned() && run.outcome().equals("abandoned")
                && !run.instanceId().equals(VICTIM) && victimHeld.contains(run.fire());
    }

    private static List<Run> executed(List<Run> runs) {
        return runs.stream().filter(run -> run.outcome().equals("executed")).toList();
    }

    private static Duration untilPlus(Instant deadline, Duration extra) {
        Duration left = Duration.between(Instant.now(), deadline);
        return (left.isNegative() ? Duration.ZERO : left).plus(extra);
    }

    private static void addJobs(BackgroundScheduler admin, int from, int to, Instant firstFire,
            Map<String, Instant> firstFires, Recovery recovery) {
        long spreadMillis = INTERVAL.toMillis() / 20;
        for (int i = from; i < to; i++) {
            String id = String.format("cluster-job-%03d", i);
            Instant start = firstFire.plusMillis(spreadMillis * (i % 20));
            admin.addJob(JobSpec.builder(ClusterNode.WORK_TARGET).id(id)
                    .trigger("interval", Map.of("seconds", INTERVAL.toSeconds(), "start_date", start.toString()))
                    .coalesce(false).misfireGraceTime(MISFIRE_GRACE_TIME).recovery(recovery).build());
            firstFires.put(id, admin.getJob(id).nextRunTime().toInstant());
        }
    }

    private void watchClaims(Map<String, ClaimedJob> victimClaims) {
        for (ClaimedJob claim : claims()) {
            if (VICTIM.equals(claim.claimedBy())) {
                victimClaims.merge(claim.jobId(), claim, (seen, now) -> now.nextRunTime().isAfter(seen.nextRunTime())
                        ? now : seen);
            }
        }
    }

    private static Instant latestFire(Collection<Run> runs) {
        return runs.stream().map(Run::fireTime).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** The fires up to {@code endAt} with no "executed" run, as runs of no instance. */
    private static List<Run> missing(List<Run> runs, Map<String, Instant> firstFires, Instant endAt) {
        Set<String> executed = runs.stream().filter(run -> run.outcome().equals("executed")).map(Run::fire)
                .collect(Collectors.toSet());
        List<Run> missing = new ArrayList<>();
        firstFires.forEach((id, first) -> {
            for (Instant fire = first; !fire.isAfter(endAt); fire = fire.plus(INTERVAL)) {
                if (!executed.contains(id + "@" + fire.toEpochMilli())) {
                    missing.add(new Run(id, fire, null, "missing"));
                }
            }
        });
        return missing;
    }

    /** The missing fires that the killed node had not claimed just before it died. */
    private static List<Run> unexcused(List<Run> missing, Map<String, ClaimedJob> victimClaims, Instant killTime) {
        Instant from = killTime.minus(POLL_INTERVAL).minus(MARGIN);
        Instant to = killTime.plus(MARGIN);
        return missing.stream().filter(run -> {
            ClaimedJob claim = victimClaims.get(run.jobId());
            boolean claimedByVictim = claim != null && run.fireTime().isBefore(claim.nextRunTime());
            boolean nearKill = !run.fireTime().isBefore(from) && !run.fireTime().isAfter(to);
            return !(claimedByVictim && nearKill);
        }).toList();
    }

    private static Map<String, List<Run>> duplicates(List<Run> executed) {
        return executed.stream().collect(Collectors.groupingBy(Run::fire, TreeMap::new,
                Collectors.toList())).entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, Long> countByInstance(List<Run> runs, Predicate<Run> filter) {
        return runs.stream().filter(filter).collect(Collectors.groupingBy(Run::instanceId, TreeMap::new,
                Collectors.counting()));
    }
}
