package io.github.apscheduler4j.redis;

import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.RecordedClaim;
import io.github.apscheduler4j.test.SharedJobStoreContract;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared-store contract (with the persistent store's, the store's and the run ledger's) on the Redis server of
 * {@code APSCHEDULER_TEST_REDIS_URL}, under a key prefix of each test's own; skipped when the variable is unset.
 */
class RedisJobStoreContractTest extends SharedJobStoreContract {

    private final String prefix = TestRedis.newPrefix();
    private final RedisKeys keys = new RedisKeys(prefix);

    @AfterEach
    void removeKeys() {
        if (System.getenv("APSCHEDULER_TEST_REDIS_URL") != null) {
            TestRedis.removeKeys(prefix);
        }
    }

    private StringRedisTemplate redis() {
        return TestRedis.template();
    }

    @Override
    protected JobStore newStore() {
        return RedisJobStore.builder(TestRedis.connectionFactory()).keyPrefix(prefix).build();
    }

    /** A connection factory of its own, destroyed with the store. */
    @Override
    protected JobStore newStoreWithItsOwnConnections() {
        return new RedisJobStoreFactory().create(Map.of("url", TestRedis.url(), "key_prefix", prefix));
    }

    @Override
    protected void removeAllRuns() {
        redis().delete(keys.runKeys());
    }

    @Override
    protected void writeRecord(String id, Instant nextRunTime, String state) {
        redis().opsForHash().put(keys.jobs(), id, state);
        redis().opsForHash().put(keys.versions(), id, "1");
        if (nextRunTime != null) {
            redis().opsForZSet().add(keys.runTimes(), id, nextRunTime.toEpochMilli());
        }
    }

    @Override
    protected StoredRecord readRecord(String id) {
        Object state = redis().opsForHash().get(keys.jobs(), id);
        if (state == null) {
            return null;
        }
        Double score = redis().opsForZSet().score(keys.runTimes(), id);
        if (score == null) {
            score = redis().opsForZSet().score(keys.quarantinedRunTimes(), id);
        }
        Object version = redis().opsForHash().get(keys.versions(), id);
        return new StoredRecord(score == null ? null : Instant.ofEpochMilli(score.longValue()),
                Long.parseLong((String) version), (String) state);
    }

    @Override
    protected RecordedClaim readClaim(String id) {
        Object claim = redis().opsForHash().get(keys.claims(), id);
        if (claim == null) {
            return null;
        }
        JsonNode mark = JsonMapper.builder().build().readTree((String) claim);
        return new RecordedClaim(mark.get("claimed_by").asString(), Instant.ofEpochMilli(mark.get("claimed_at").asLong()));
    }
}
