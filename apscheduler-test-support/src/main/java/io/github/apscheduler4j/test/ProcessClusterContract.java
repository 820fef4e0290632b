package io.github.apscheduler4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.JobStore;
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
 * store, one of them killed with SIGKILL half-way. Every fire of every job runs exactly once, but for the fires the
 * killed instance had claimed and not yet run when it died (at most once: such a run is lost, never repeated).
 *
 * <p>The test adds {@value #JOBS} interval jobs running every {@link #INTERVAL} (half before the nodes start,
 * half through this JVM once they run; their first fires spread over the interval, coalescing off, a misfire grace
 * time of {@link #MISFIRE_GRACE_TIME}), lets the nodes run them for {@link #RUN_FOR}, kills {@code node-3} after
 * {@link #KILL_AFTER}, and waits until every fire up to the end is recorded, then stops the two others (SIGTERM).
 * It then checks the nodes' run log:
 * <ul>
 *   <li>every outcome is "executed" (none missed, failed or skipped);
 *   <li>no (job, fire time) is executed twice;
 *   <li>every fire time up to the end is executed, except fires that the killed node had claimed (the store's
 *       {@code claimed_by} still named it just after the kill) within [kill &minus; poll interval &minus; 1 s,
 *       kill + 1 s];
 *   <li>the killed node had done its part before the kill, and each survivor does a fair share after it.
 * </ul>
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
    protected static final int JOBS = 200;
    protected static final Duration KILL_AFTER = Duration.ofSeconds(10);
    protected static final Duration RUN_FOR = Duration.ofSeconds(20);
    /** Between adding the first jobs and their first fires: room for three JVMs to start. */
    private static final Duration LEAD = Duration.ofSeconds(6);
    private static final Duration MARGIN = Duration.ofSeconds(1);
    /** How long after the kill the killed node's claims are looked at. */
    private static final Duration CLAIM_WATCH = Duration.ofMillis(1500);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String VICTIM = "node-3";

    /** One outcome a node recorded. @param outcome {@code executed}, {@code missed}, {@code error}, {@code max_instances} */
    public record Run(String jobId, Instant fireTime, String instanceId, String outcome) {
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

    @Test
    void runsEveryFireExactlyOnceAcrossThreeProcessesWhileOneIsKilled() throws Exception {
        resetBackend();
        List<ChildJvm> nodes = new ArrayList<>();
        BackgroundScheduler admin = new BackgroundScheduler(SchedulerConfig.builder().instanceId("test-admin")
                .timezone(UTC).jobstore("default", newStore()).build());
        admin.start(true); // adds jobs, never runs them
        try {
            Instant firstFire = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Instant> firstFires = new TreeMap<>();
            addJobs(admin, 0, JOBS / 2, firstFire, firstFires);
            for (int i = 1; i <= 3; i++) {
                List<String> arguments = new ArrayList<>(List.of("node-" + i, POLL_INTERVAL.toString()));
                arguments.addAll(nodeArguments());
                nodes.add(ChildJvm.start("cluster-logs", getClass().getSimpleName() + "-node-" + i, nodeMainClass(),
                        arguments));
            }
            for (int i = 1; i <= 3; i++) {
                nodes.get(i - 1).awaitLine(ClusterNode.READY + " node-" + i, Duration.ofSeconds(60));
            }
            addJobs(admin, JOBS / 2, JOBS, firstFire, firstFires);
            Instant killAt = firstFire.plus(KILL_AFTER);
            Instant endAt = firstFire.plus(RUN_FOR);

            await("runs up to the kill time").atMost(untilPlus(killAt, Duration.ofSeconds(60)))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> latestFire(runs()).compareTo(killAt) >= 0);
            ChildJvm victim = nodes.get(2);
            Instant killTime = Instant.now();
            victim.kill();
            Map<String, ClaimedJob> victimClaims = new ConcurrentHashMap<>();
            watchClaims(victimClaims);

            await("every fire up to the end executed or excused").atMost(untilPlus(endAt, Duration.ofSeconds(60)))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        if (Instant.now().isBefore(killTime.plus(CLAIM_WATCH))) {
                            watchClaims(victimClaims);
                        }
                        List<Run> runs = runs();
                        assertThat(latestFire(runs)).isAfterOrEqualTo(endAt);
                        assertThat(unexcused(missing(runs, firstFires, endAt), victimClaims, killTime))
                                .as("fires not executed").isEmpty();
                    });
            for (ChildJvm node : nodes.subList(0, 2)) {
                node.stop();
            }

            List<Run> runs = runs();
            List<Run> executed = runs.stream().filter(run -> run.outcome().equals("executed")).toList();
            List<Run> excused = missing(runs, firstFires, endAt);
            Map<String, Long> beforeKill = countByInstance(executed, run -> run.fireTime().isBefore(killTime));
            Instant afterKill = killTime.plus(MARGIN);
            Map<String, Long> afterKillCounts = countByInstance(executed, run -> run.fireTime().isAfter(afterKill));
            System.out.printf("[apscheduler-test] %s: %d jobs every %s, %d runs recorded; executed before the kill %s,"
                    + " after it %s; %d fire(s) lost with the killed node%n", getClass().getSimpleName(), JOBS,
                    INTERVAL, runs.size(), beforeKill, afterKillCounts, excused.size());

            assertThat(runs).as("outcomes other than executed").filteredOn(run -> !run.outcome().equals("executed"))
                    .isEmpty();
            assertThat(duplicates(executed)).as("fires executed more than once").isEmpty();
            assertThat(unexcused(excused, victimClaims, killTime)).as("fires not executed").isEmpty();
            assertThat(executed).as("runs of the killed node after it was killed")
                    .noneMatch(run -> run.instanceId().equals(VICTIM) && run.fireTime().isAfter(afterKill));
            assertThat(beforeKill.getOrDefault(VICTIM, 0L)).as("runs of the killed node before the kill").isPositive();
            long survivorsTotal = afterKillCounts.values().stream().mapToLong(Long::longValue).sum();
            assertThat(survivorsTotal).as("runs after the kill").isGreaterThan(JOBS);
            for (String survivor : List.of("node-1", "node-2")) {
                assertThat(afterKillCounts.getOrDefault(survivor, 0L)).as("share of %s after the kill (%s)", survivor,
                        afterKillCounts).isGreaterThanOrEqualTo(survivorsTotal / 5);
            }
        } finally {
            for (ChildJvm node : nodes) {
                node.destroy();
            }
            admin.shutdown(false);
        }
    }

    private static Duration untilPlus(Instant deadline, Duration extra) {
        Duration left = Duration.between(Instant.now(), deadline);
        return (left.isNegative() ? Duration.ZERO : left).plus(extra);
    }

    private static void addJobs(BackgroundScheduler admin, int from, int to, Instant firstFire,
            Map<String, Instant> firstFires) {
        long spreadMillis = INTERVAL.toMillis() / 20;
        for (int i = from; i < to; i++) {
            String id = String.format("cluster-job-%03d", i);
            Instant start = firstFire.plusMillis(spreadMillis * (i % 20));
            admin.addJob(JobSpec.builder(ContractJobs.NOOP).id(id)
                    .trigger("interval", Map.of("seconds", INTERVAL.toSeconds(), "start_date", start.toString()))
                    .coalesce(false).misfireGraceTime(MISFIRE_GRACE_TIME).build());
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
        Set<String> executed = runs.stream().filter(run -> run.outcome().equals("executed"))
                .map(run -> run.jobId() + "@" + run.fireTime().toEpochMilli()).collect(Collectors.toSet());
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
        return executed.stream().collect(Collectors.groupingBy(run -> run.jobId() + "@" + run.fireTime(), TreeMap::new,
                Collectors.toList())).entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, Long> countByInstance(List<Run> runs, Predicate<Run> filter) {
        return runs.stream().filter(filter).collect(Collectors.groupingBy(Run::instanceId, TreeMap::new,
                Collectors.counting()));
    }
}
