package io.github.apscheduler4j.redis;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.scheduler.ComponentFactories;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.QuarantinedJob;
import io.github.apscheduler4j.store.RunJobReader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the Redis store does beyond the contract: its key layout, waking other instances through pub/sub, records
 * and runs it cannot read, its options and its factory. Runs when APSCHEDULER_TEST_REDIS_URL names a server.
 */
class RedisJobStoreTests {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final String prefix = TestRedis.newPrefix();
    private final RedisKeys keys = new RedisKeys(prefix);
    private final List<JobStore> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(JobStore::shutdown);
        if (System.getenv("APSCHEDULER_TEST_REDIS_URL") != null) {
            TestRedis.removeKeys(prefix);
        }
    }

    private JobStore start(String instanceId, Runnable wakeup) {
        JobStore store = RedisJobStore.builder(TestRedis.connectionFactory()).keyPrefix(prefix).build();
        store.start(new JobStoreContext("main", new ClassTargetResolver(), ZONE, Clock.systemUTC(), instanceId, wakeup));
        started.add(store);
        return store;
    }

    private static StringRedisTemplate redis() {
        return TestRedis.template();
    }

    @Test
    void keepsJobsUnderItsPrefixAsAPSchedulerLaysThemOut() {
        JobStore store = start("web-1", () -> {
        });

        store.addJob(job("a", T0));
        store.addJob(job("paused", null));

        assertThat(redis().keys(prefix + "*")).containsExactlyInAnyOrder(keys.jobs(), keys.runTimes(), keys.versions());
        assertThat((String) redis().opsForHash().get(keys.jobs(), "a")).startsWith("{").contains("\"id\":\"a\"");
        assertThat(redis().opsForZSet().range(keys.runTimes(), 0, -1)).containsExactly("a");
        assertThat(redis().opsForZSet().score(keys.runTimes(), "a")).isEqualTo((double) T0.toEpochMilli());
        assertThat(redis().opsForHash().get(keys.versions(), "paused")).isEqualTo("1");
        assertThat(new RedisKeys(RedisKeys.DEFAULT_PREFIX).jobs()).as("APScheduler's key").isEqualTo("apscheduler.jobs");
        assertThat(new RedisKeys(RedisKeys.DEFAULT_PREFIX).runTimes()).isEqualTo("apscheduler.run_times");
        assertThat(store).hasToString("RedisJobStore[prefix=" + prefix + "]");
    }

    @Test
    void wakesTheSchedulersOfOtherInstancesAtOnceWhenItsJobsChange() {
        AtomicInteger wokenHere = new AtomicInteger();
        AtomicInteger wokenThere = new AtomicInteger();
        JobStore here = start("web-1", wokenHere::incrementAndGet);
        JobStore there = start("web-2", wokenThere::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscribers() == 2);

        here.addJob(job("a", T0));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(wokenThere).hasValue(1));
        here.updateJob(here.lookupJob("a").withNextRunTime(T0.plusSeconds(5).atZone(ZONE)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(wokenThere).hasValue(2));
        there.removeJob("a");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(wokenHere).hasValue(1));

        assertThat(wokenThere).as("its own writes do not wake an instance").hasValue(2);
    }

    private long subscribers() {
        RedisClient client = RedisClient.create(TestRedis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pubsubNumsub(keys.changes()).getOrDefault(keys.changes(), 0L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void quarantinesARecordWithoutAWholeVersionAndKeepsIt() {
        JobStore store = start("web-1", () -> {
        });
        store.addJob(job("good", T0));
        String state = (String) redis().opsForHash().get(keys.jobs(), "good");
        redis().opsForHash().put(keys.jobs(), "odd", state.replace("\"good\"", "\"odd\""));
        redis().opsForHash().put(keys.versions(), "odd", "1.5");
        redis().opsForZSet().add(keys.runTimes(), "odd", T0.toEpochMilli());

        assertThat(store.dueJobs(T0)).extracting(Job::id).containsExactly("good");
        assertThat(store.quarantinedJobs()).extracting(QuarantinedJob::id, QuarantinedJob::reason)
                .containsExactly(tuple("odd", "version is not a whole number but '1.5'"));
        assertThat(store.nextRunTime()).as("a quarantined record is never due").isEqualTo(T0);
        assertThat(redis().opsForHash().get(keys.jobs(), "odd")).as("the evidence").isNotNull();
    }

    @Test
    void instancesClaimingAtOnceTakeDisjointBatchesAndReleaseWhatTheyLeaveOut() {
        JobStore one = start("web-1", () -> {
        });
        JobStore two = start("web-2", () -> {
        });
        for (int i = 0; i < 20; i++) {
            one.addJob(job(String.format("job-%02d", i), T0));
        }
        List<String> firstRead = new ArrayList<>();
        List<String> secondRead = new ArrayList<>();

        BitSet firstWon = one.claimDueJobs(T0, 10, jobs -> {
            jobs.forEach(job -> firstRead.add(job.id()));
            // the second claims while the first holds its batch, and leaves half of what it read
            BitSet secondWon = two.claimDueJobs(T0, 10, others -> {
                others.forEach(job -> secondRead.add(job.id()));
                return claimsOf(others.subList(0, 5));
            });
            assertThat(secondWon.cardinality()).isEqualTo(5);
            return claimsOf(jobs);
        });

        assertThat(firstWon.cardinality()).isEqualTo(10);
        assertThat(firstRead).hasSize(10);
        assertThat(secondRead).as("the jobs the first did not hold").hasSize(10).doesNotContainAnyElementsOf(firstRead);
        assertThat(one.claimDueJobs(T0, 10, RedisJobStoreTests::claimsOf).cardinality())
                .as("what the second left out, released at once").isEqualTo(5);
        assertThat(one.dueJobs(T0)).isEmpty();
        assertThat(redis().opsForZSet().size(keys.reserved())).as("reservations left").isZero();
    }

    private static List<JobClaim> claimsOf(List<Job> jobs) {
        return jobs.stream().map(job -> new JobClaim(job, job.nextRunTime().plusMinutes(1))).toList();
    }

    @Test
    void dropsARunTimeWhoseJobHasNoRecordOnceReadAsDue() {
        JobStore store = start("web-1", () -> {
        });
        store.addJob(job("a", T0.plusSeconds(60)));
        redis().opsForZSet().add(keys.runTimes(), "ghost", T0.toEpochMilli());
        assertThat(store.nextRunTime()).isEqualTo(T0);

        assertThat(store.dueJobs(T0)).isEmpty();

        assertThat(store.nextRunTime()).as("not the earliest next run time forever").isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void reportsARunWhoseJobStateCannotBeReadWithAStandInNoInstanceRuns() {
        JobStore store = start("web-1", () -> {
        });
        store.addJob(job("a", T0));
        Job due = store.lookupJob("a");
        ClaimedRun run = ClaimedRun.claimed(due, T0, "web-1", T0.plusSeconds(10));
        store.claimJobs(List.of(new JobClaim(due, due.nextRunTime().plusMinutes(1), run)));
        redis().opsForHash().put(keys.runStates(), run.fireId(), "not json");

        assertThat(store.runLedger().all()).singleElement().satisfies(read -> {
            assertThat(read.fireId()).isEqualTo(run.fireId());
            assertThat(read.instanceId()).isEqualTo("web-1");
            assertThat(read.job().target().reference()).isEqualTo(RunJobReader.UNREADABLE_TARGET);
            assertThat(read.job().name()).contains("unreadable run state");
        });
    }

    @Test
    void isMadeByTypeRedisWithAUrlAndAKeyPrefix() {
        SchedulerConfig config = SchedulerConfig.fromMap(Map.of("jobstores.default.type", "redis",
                "jobstores.default.url", TestRedis.url(), "jobstores.default.key_prefix", prefix), "apscheduler.");
        JobStore store = config.jobstores().get("default");
        started.add(store);
        assertThat(store).isInstanceOf(RedisJobStore.class);

        store.start(new JobStoreContext("default", new ClassTargetResolver(), ZONE, Clock.systemUTC()));
        store.addJob(job("a", T0));

        assertThat(redis().opsForHash().keys(keys.jobs())).isEqualTo(Set.of("a"));
        assertThat(ComponentFactories.load().jobStoreTypes()).contains("redis");
    }

    @Test
    void namesTheOptionAtFault() {
        assertThat(configError("url", "http://example.com").getMessage()).contains("is not a Redis URL");
        assertThat(configError("key_prefix", " ").getMessage()).contains("must be a Redis key prefix");
        assertThat(configError("hosts", "a").getMessage()).contains("hosts");
    }

    private static InvalidConfigurationException configError(String key, String value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "redis");
        entry.put(key, value);
        return catchThrowableOfType(InvalidConfigurationException.class,
                () -> SchedulerConfig.fromMap(Map.of("jobstores", Map.of("main", entry)), "apscheduler."));
    }
}
