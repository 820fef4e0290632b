package io.github.apscheduler4j.redis;

import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.ClusterNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node of {@link RedisProcessClusterTest}: a scheduler on the server's keys under a prefix that logs its runs to a
 * Redis list. Arguments: instance id, store poll interval (ISO-8601), Redis URL, key prefix, run log key.
 */
public final class RedisClusterNode {

    private RedisClusterNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        String instanceId = args[0];
        Duration pollInterval = Duration.parse(args[1]);
        JobStore store = new RedisJobStoreFactory().create(Map.of("url", args[2], "key_prefix", args[3]));
        LettuceConnectionFactory logConnections = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(args[2]));
        logConnections.afterPropertiesSet();
        logConnections.start();
        StringRedisTemplate log = new StringRedisTemplate(logConnections);
        String runLog = args[4];
        JsonMapper json = JsonMapper.builder().build();
        ClusterNode.run(instanceId, store, (instance, jobId, fireTime, outcome, attempt) -> {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("job_id", jobId);
            run.put("fire_time", fireTime == null ? null : fireTime.toEpochMilli());
            run.put("instance_id", instance);
            run.put("outcome", outcome);
            run.put("attempt", attempt);
            log.opsForList().rightPush(runLog, json.writeValueAsString(run));
        }, pollInterval);
    }
}
