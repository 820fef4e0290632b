package io.github.apscheduler4j.redis;

import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code type: redis}: a {@link RedisJobStore} on a Lettuce connection factory of its own, made from {@code url}
 * ({@code redis://localhost:6379} unless set; {@code rediss://} for TLS, {@code redis://:password@host:port/db}) and
 * destroyed when the store shuts down. Options besides: {@code key_prefix} and {@code listen_for_changes}
 * ({@link RedisStoreOptions}).
 */
public final class RedisJobStoreFactory implements JobStoreFactory {

    public static final String DEFAULT_URL = "redis://localhost:6379";

    @Override
    public Set<String> names() {
        return Set.of("redis", RedisJobStore.class.getName(), "apscheduler.jobstores.redis:RedisJobStore");
    }

    @Override
    public JobStore create(Map<String, Object> options) {
        ConfigOptions config = ConfigOptions.of(options).requireOnly(Stream.concat(Stream.of("url"),
                Arrays.stream(RedisStoreOptions.NAMES)).toArray(String[]::new));
        String url = config.string("url", DEFAULT_URL);
        RedisConfiguration redis;
        try {
            redis = LettuceConnectionFactory.createRedisConfiguration(url);
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException("url", url, "is not a Redis URL such as redis://localhost:6379 ("
                    + e.getMessage() + ")");
        }
        RedisStoreOptions where = RedisStoreOptions.from(config);
        LettuceConnectionFactory connections = new LettuceConnectionFactory(redis);
        connections.afterPropertiesSet();
        connections.start();
        return where.applyTo(RedisJobStore.owning(connections)).build();
    }
}
