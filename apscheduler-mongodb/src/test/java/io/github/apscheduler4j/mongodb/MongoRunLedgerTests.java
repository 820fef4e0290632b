package io.github.apscheduler4j.mongodb;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.job.RunPolicy;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobStoreContext;
import java.time.Clock;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** What the MongoDB store's run ledger does beyond the contract: its documents, and claims left half-done. */
class MongoRunLedgerTests extends InProcessMongo {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant LEASE_END = T0.plusSeconds(10);
    private static final Instant AFTER_LEASE = LEASE_END.plusSeconds(1);


    private MongoJobStore store(String instanceId) {
        return store(instanceId, MongoJobStore.builder(client));
    }

    private static MongoJobStore store(String instanceId, MongoJobStore.Builder builder) {
        MongoJobStore store = builder.build();
        store.start(new JobStoreContext("default", new ClassTargetResolver(), ZONE, Clock.systemUTC(), instanceId,
                () -> {
                }));
        return store;
    }

    private MongoCollection<Document> collection(String name) {
        return client.getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection(name);
    }

    private MongoCollection<Document> runs() {
        return collection("jobs_runs");
    }

    private static JobClaim claim(Job due, Instant fireTime, String instanceId, boolean exhausted) {
        return new JobClaim(due, exhausted ? null : due.nextRunTime().plusMinutes(1), ClaimedRun.claimed(due, fireTime,
                instanceId, LEASE_END));
    }

    private static boolean claimRun(MongoJobStore store, Job due, String instanceId) {
        return store.claimJobs(List.of(claim(due, T0, instanceId, false))).get(0);
    }

    /** A claim's first step alone: its run recorded, pending, as by an instance that died before claiming the job. */
    private static void recordOnly(MongoJobStore store, Job due, String instanceId) {
        BitSet recorded = store.runLedger().insertPending(List.of(claim(due, T0, instanceId, false)), List.of("mark"));
        assertThat(recorded.get(0)).isTrue();
    }

    @Test
    void keepsOneDocumentPerRunBesideTheJobsAndLeavesItWhenJobsAreRemoved() {
        MongoJobStore store = store("web-1", MongoJobStore.builder(client).collection("scheduled"));
        store.addJob(job("a", T0));
        Job due = store.lookupJob("a");
        assertThat(claimRun(store, due, "web-1")).isTrue();

        Document run = collection("scheduled_runs").find().first();
        assertThat(run.getString("_id")).isEqualTo("a@" + T0.toEpochMilli());
        assertThat(run.getString("job_id")).isEqualTo("a");
        assertThat(run.getLong("fire_time")).isEqualTo(T0.toEpochMilli());
        assertThat(run.getString("instance_id")).isEqualTo("web-1");
        assertThat(run.getLong("lease_end")).isEqualTo(LEASE_END.toEpochMilli());
        assertThat(run.get("attempt")).isEqualTo(1);
        assertThat(run.getString("phase")).isEqualTo("RUNNING");
        assertThat(run.get("job_state")).isInstanceOf(String.class);
        assertThat(run.get("pending")).as("confirmed once its claim won").isNull();
        assertThat(run.getString("claim_id")).isEqualTo(collection("scheduled").find().first().getString("claim_id"));
        assertThat(store.runLedger().collection()).isEqualTo("scheduled_runs");

        store.removeJob("a");
        store.removeAllJobs();
        assertThat(store.runLedger().all()).extracting(ClaimedRun::jobId).containsExactly("a");

        MongoJobStore named = store("web-1", MongoJobStore.builder(client).runsCollection("claims"));
        named.addJob(job("b", T0));
        assertThat(claimRun(named, named.lookupJob("b"), "web-1")).isTrue();
        assertThat(collection("claims").countDocuments()).isEqualTo(1);
    }

    @Test
    void keepsTheFireTimeToTheNanosecond() {
        MongoJobStore store = store("web-1");
        store.addJob(job("a", T0));
        Instant fireTime = T0.plusNanos(123_456_789);

        assertThat(store.claimJobs(List.of(claim(store.lookupJob("a"), fireTime, "web-1", false))).get(0)).isTrue();

        assertThat(store.runLedger().all()).extracting(ClaimedRun::fireTime).containsExactly(fireTime);
        assertThat(runs().find().first().getString("_id")).isEqualTo("a@" + fireTime.toEpochMilli());
    }

    /** Adds jobs due at {@code T0} through one store object and reads them back through another. */
    private static List<Job> addAndReadThrough(MongoJobStore adding, MongoJobStore reading, String... ids) {
        for (String id : ids) {
            adding.addJob(job(id, T0));
        }
        return reading.dueJobs(T0);
    }

    @Test
    void aLateReaderLosesTheClaimOfAFireWhoseRunHasEndedAndLeavesNoRun() {
        MongoJobStore here = store("web-1");
        MongoJobStore there = store("web-2");
        Job readThere = addAndReadThrough(here, there, "a").get(0);
        assertThat(claimRun(here, here.lookupJob("a"), "web-1")).isTrue();
        ClaimedRun run = here.runLedger().all().get(0);
        here.runLedger().end(run);

        assertThat(claimRun(there, readThere, "web-2")).as("the same fire, claimed on an old reading").isFalse();

        assertThat(runs().countDocuments()).isZero();
        assertThat(here.lookupJob("a").nextRunTime().toInstant()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void claimsABatchInWhichOneFireHasARunAlreadyAndOneJobChanged() {
        MongoJobStore here = store("web-1");
        List<Job> due = addAndReadThrough(here, here, "a", "b", "c");
        MongoJobStore there = store("web-2");
        recordOnly(there, due.get(1), "web-2");
        assertThat(there.claimJob(due.get(2), T0.plusSeconds(30).atZone(ZONE))).isTrue();

        BitSet won = here.claimJobs(due.stream().map(job -> claim(job, T0, "web-1", false)).toList());

        assertThat(won.stream().toArray()).containsExactly(0);
        assertThat(here.runLedger().all()).extracting(ClaimedRun::jobId, ClaimedRun::instanceId)
                .containsExactlyInAnyOrder(tuple("a", "web-1"),
                        tuple("b", "web-2"));
        assertThat(here.lookupJob("b").nextRunTime().toInstant()).as("b, not claimed").isEqualTo(T0);
    }

    @Test
    void dropsTheRunOfAnInstanceThatDiedBeforeItsClaimAndTheFireIsClaimedAsUsual() {
        MongoJobStore dead = store("web-1");
        MongoJobStore live = store("web-2");
        dead.addJob(job("a", T0));
        Job due = dead.lookupJob("a");
        recordOnly(dead, due, "web-1");

        assertThat(claimRun(live, live.lookupJob("a"), "web-2")).as("while the dead instance's run holds the fire")
                .isFalse();
        assertThat(live.runLedger().upForGrabs(LEASE_END, 10)).as("its lease has not run out").isEmpty();
        assertThat(live.runLedger().upForGrabs(AFTER_LEASE, 10)).isEmpty();
        assertThat(runs().countDocuments()).as("the run of a claim that never won").isZero();

        assertThat(claimRun(live, live.lookupJob("a"), "web-2")).isTrue();
        assertThat(live.runLedger().all()).extracting(ClaimedRun::instanceId).containsExactly("web-2");
    }

    @Test
    void dropsTheRunOfAClaimThatNeverWonWhenAnotherWroteTheJobOnceSince() {
        MongoJobStore dead = store("web-1");
        MongoJobStore live = store("web-2");
        dead.addJob(job("a", T0));
        recordOnly(dead, dead.lookupJob("a"), "web-1");
        assertThat(live.claimJob(live.lookupJob("a"), T0.plusSeconds(60).atZone(ZONE))).isTrue();

        assertThat(live.runLedger().upForGrabs(AFTER_LEASE, 10)).isEmpty();
        assertThat(runs().countDocuments()).isZero();
    }

    @Test
    void recoversTheRunOfAClaimThatWonWhenItsInstanceDiedBeforeConfirmingIt() {
        MongoJobStore dead = store("web-1");
        MongoJobStore live = store("web-2");
        dead.addJob(job("a", T0).toBuilder().runPolicy(RunPolicy.DEFAULT.withRecovery(Recovery.RERUN)).build());
        assertThat(claimRun(dead, dead.lookupJob("a"), "web-1")).isTrue();
        runs().updateOne(Filters.eq("job_id", "a"), Updates.set("pending", true));

        List<ClaimedRun> upForGrabs = live.runLedger().upForGrabs(AFTER_LEASE, 10);

        assertThat(upForGrabs).singleElement().satisfies(run -> {
            assertThat(run.instanceId()).isEqualTo("web-1");
            assertThat(run.phase()).isEqualTo(ClaimedRun.Phase.RUNNING);
            assertThat(run.job().runPolicy().recovery()).isEqualTo(Recovery.RERUN);
        });
        assertThat(runs().find().first().get("pending")).as("confirmed").isNull();
        assertThat(live.runLedger().takeOver(upForGrabs.get(0), "web-2", 2, AFTER_LEASE.plusSeconds(10))).isNotNull();
    }

    @Test
    void reportsAbandonedAndNeverRerunsARunWhoseClaimCannotBeToldWonOrLost() {
        MongoJobStore dead = store("web-1");
        MongoJobStore live = store("web-2");
        dead.addJob(job("a", T0).toBuilder().runPolicy(RunPolicy.DEFAULT.withRecovery(Recovery.RERUN)).build());
        recordOnly(dead, dead.lookupJob("a"), "web-1");
        live.removeJob("a");

        List<ClaimedRun> upForGrabs = live.runLedger().upForGrabs(AFTER_LEASE, 10);

        assertThat(upForGrabs).singleElement().satisfies(run -> {
            assertThat(run.jobId()).isEqualTo("a");
            assertThat(run.job().runPolicy().recovery()).as("whatever the job says").isEqualTo(Recovery.NONE);
        });
        Document stored = runs().find().first();
        assertThat(stored.get("pending")).isNull();
        assertThat(stored.getBoolean("uncertain")).isTrue();
        assertThat(live.runLedger().all()).singleElement()
                .satisfies(run -> assertThat(run.job().runPolicy().recovery()).isEqualTo(Recovery.NONE));
    }

    @Test
    void quarantinesARunDocumentItCannotReadAndKeepsIt() {
        MongoJobStore store = store("web-1");
        store.addJob(job("a", T0));
        assertThat(claimRun(store, store.lookupJob("a"), "web-1")).isTrue();
        runs().insertOne(new Document("_id", "broken@1").append("job_id", "broken").append("fire_time", 1L)
                .append("instance_id", "web-9").append("lease_end", 1L).append("attempt", 1).append("phase", "RUNNING")
                .append("version", 0L).append("job_state", "not json"));

        assertThat(store.runLedger().upForGrabs(AFTER_LEASE, 10)).extracting(ClaimedRun::jobId).containsExactly("a");
        assertThat(store.runLedger().all()).extracting(ClaimedRun::jobId).containsExactly("a");
        assertThat(store.runLedger().quarantinedRuns()).singleElement().satisfies(record -> {
            assertThat(record.id()).isEqualTo("broken@1");
            assertThat(record.reason()).startsWith("job state is not valid JSON");
            assertThat(record.state()).isEqualTo("not json");
        });
        assertThat(runs().countDocuments()).as("every document kept").isEqualTo(2);
    }

    /** A claim whose outcome its instance could not tell (a write threw): its run is left pending, to be settled. */
    private static void claimOfUnknownOutcome(MongoJobStore store, Job due, String instanceId) {
        List<JobClaim> claims = List.of(claim(due, T0, instanceId, false));
        BitSet recorded = store.runLedger().insertPending(claims, List.of("mark"));
        store.runLedger().settle(claims, recorded, new BitSet(), new BitSet());
    }

    @Test
    void settlesItsOwnRunsOfClaimsOfUnknownOutcomeAtItsNextHeartbeatDroppingThoseThatLost() {
        MongoJobStore store = store("web-1");
        store.addJob(job("a", T0));
        claimOfUnknownOutcome(store, store.lookupJob("a"), "web-1");

        assertThat(store.runLedger().upForGrabs(T0, 10)).as("a claim that never won").isEmpty();
        assertThat(runs().countDocuments()).isZero();
        assertThat(claimRun(store, store.lookupJob("a"), "web-1")).as("the fire, claimed as usual").isTrue();
    }

    @Test
    void handsBackItsOwnRunOfAClaimOfUnknownOutcomeThatWonForAnyInstanceToRun() {
        MongoJobStore store = store("web-1");
        store.addJob(job("a", T0));
        Job due = store.lookupJob("a");
        claimOfUnknownOutcome(store, due, "web-1");
        // the claim's write, which went through although its instance was told otherwise
        collection("jobs").updateOne(Filters.eq("_id", "a"), Updates.combine(Updates.inc("version", 1L),
                Updates.set("next_run_time", T0.plusSeconds(60).toEpochMilli()), Updates.set("claim_id", "mark")));

        List<ClaimedRun> upForGrabs = store.runLedger().upForGrabs(T0, 10);

        assertThat(upForGrabs).singleElement().satisfies(run -> {
            assertThat(run.phase()).isEqualTo(ClaimedRun.Phase.HANDED_BACK);
            assertThat(run.instanceId()).isNull();
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.isUpForGrabs(T0)).isTrue();
        });
        assertThat(store.runLedger().takeOver(upForGrabs.get(0), "web-2", 1, LEASE_END)).isNotNull();
        assertThat(store.runLedger().upForGrabs(T0, 10)).as("settled once").isEmpty();
    }

    @Test
    void recordsRunsOutsideAClaimToo() {
        MongoJobStore store = store("web-1");
        store.addJob(job("a", T0));
        ClaimedRun run = ClaimedRun.claimed(store.lookupJob("a"), T0, "web-1", LEASE_END);

        store.runLedger().record(List.of(run));
        store.runLedger().record(List.of(run));

        assertThat(store.runLedger().all()).singleElement().satisfies(recorded -> {
            assertThat(recorded.fireId()).isEqualTo(run.fireId());
            assertThat(recorded.instanceId()).isEqualTo("web-1");
        });
        assertThat(runs().find().first().get("pending")).isNull();
    }
}
