package io.github.apscheduler4j.redis;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Wakes a scheduler when another instance changes the jobs of its {@link RedisJobStore}: each add, update and
 * removal publishes the writer's instance id on the store's {@code <prefix>changes} channel, and this subscribes to it
 * with Spring Data Redis's {@link RedisMessageListenerContainer} (one connection, re-subscribed after an error).
 * Messages an instance published itself are ignored: its scheduler knows of its own writes. Pub/sub delivers at most
 * once; the store poll interval stays the guarantee.
 */
final class RedisChangeListener {

    private static final Logger log = LoggerFactory.getLogger(RedisChangeListener.class);

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    RedisChangeListener(RedisConnectionFactory connectionFactory, String channel, String instanceId, Runnable wakeup,
            String alias) {
        container.setConnectionFactory(connectionFactory);
        container.setBeanName("apscheduler-redis-" + alias);
        container.setErrorHandler(e -> log.warn("Job store '{}': listening on Redis channel {} failed; polling goes on",
                alias, channel, e));
        MessageListener listener = (message, pattern) -> {
            if (!instanceId.equals(new String(message.getBody(), StandardCharsets.UTF_8))) {
                wakeup.run();
            }
        };
        container.addMessageListener(listener, new ChannelTopic(channel));
    }

    void start() {
        container.afterPropertiesSet();
        container.start();
    }

    void stop() {
        try {
            container.destroy();
        } catch (Exception e) {
            log.debug("Stopping the Redis change listener failed", e);
        }
    }
}
