package io.github.apscheduler4j.redis;

import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.ProcessClusterContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three scheduler JVMs on one Redis key prefix, one killed half-way: runs when APSCHEDULER_TEST_REDIS_URL names a
 * server, else skipped.
 */
class RedisProcessClusterTest extends ProcessClusterContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String prefix = TestRedis.newPrefix();
    private final RedisKeys keys = new RedisKeys(prefix);
    private final String runLog = prefix + "cluster_runs";

    @AfterEach
    void removeKeys() {
        if (System.getenv("APSCHEDULER_TEST_REDIS_URL") != null) {
            TestRedis.removeKeys(prefix);
        }
    }

    private static StringRedisTemplate redis() {
        return TestRedis.template();
    }

    @Override
    protected Class<?> nodeMainClass() {
        return RedisClusterNode.class;
    }

    @Override
    protected List<String> nodeArguments() {
        return List.of(TestRedis.url(), prefix, runLog);
    }

    @Override
    protected JobStore newStore() {
        return RedisJobStore.builder(TestRedis.connectionFactory()).keyPrefix(prefix).build();
    }

    @Override
    protected void resetBackend() {
        TestRedis.removeKeys(prefix);
    }

    @Override
    protected List<Run> runs() {
        List<String> logged = redis().opsForList().range(runLog, 0, -1);
        List<Run> runs = new ArrayList<>();
        for (String entry : logged == null ? List.<String>of() : logged) {
            JsonNode run = JSON.readTree(entry);
            JsonNode fire = run.get("fire_time");
            runs.add(new Run(run.get("job_id").asString(), fire == null || fire.isNull() ? null
                    : Instant.ofEpochMilli(fire.asLong()), run.get("instance_id").asString(),
                    run.get("outcome").asString(), run.get("attempt").asInt()));
        }
        return runs;
    }

    @Override
    protected List<ClaimedJob> claims() {
        Map<Object, Object> claims = redis().opsForHash().entries(keys.claims());
        List<ClaimedJob> jobs = new ArrayList<>();
        for (Object id : redis().opsForHash().keys(keys.jobs())) {
            Double score = redis().opsForZSet().score(keys.runTimes(), id);
            Object claim = claims.get(id);
            jobs.add(new ClaimedJob((String) id, score == null ? null : Instant.ofEpochMilli(score.longValue()),
                    claim == null ? null : JSON.readTree((String) claim).get("claimed_by").asString()));
        }
        return jobs;
    }
}
