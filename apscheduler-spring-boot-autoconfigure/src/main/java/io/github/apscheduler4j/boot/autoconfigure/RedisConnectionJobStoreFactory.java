package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.redis.RedisJobStore;
import io.github.apscheduler4j.redis.RedisJobStoreFactory;
import io.github.apscheduler4j.redis.RedisStoreOptions;
import io.github.apscheduler4j.store.JobStore;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@code type: redis} without {@code url}: a {@link RedisJobStore} on the application's {@code RedisConnectionFactory}
 * (Boot's, from {@code spring.data.redis.*}), under the key prefix {@code apscheduler.} unless {@code key_prefix}
 * says otherwise. Without a {@code RedisConnectionFactory} bean, the engine's factory connects to {@code url}
 * (default {@code redis://localhost:6379}).
 */
final class RedisConnectionJobStoreFactory implements ApplicationJobStoreFactory {

    private static final Set<String> NAMES = new RedisJobStoreFactory().names();

    private final ObjectProvider<RedisConnectionFactory> connectionFactory;

    RedisConnectionJobStoreFactory(ObjectProvider<RedisConnectionFactory> connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public JobStore create(Map<String, Object> entry) {
        ConfigOptions options = StoreEntries.onApplicationConnection(entry, NAMES, "url");
        RedisConnectionFactory available = connectionFactory.getIfAvailable();
        if (options == null || available == null) {
            return null;
        }
        return RedisStoreOptions.from(options.requireOnly(RedisStoreOptions.NAMES))
                .applyTo(RedisJobStore.builder(available)).build();
    }
}
