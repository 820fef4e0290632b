package io.github.apscheduler4j.redis;

import io.github.apscheduler4j.test.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis server the tests run on, from {@code APSCHEDULER_TEST_REDIS_URL} (skipped with the reason printed when
 * unset): one connection factory per JVM, and a key prefix of its own for each test, whose keys the test removes.
 */
final class TestRedis {

    private static volatile LettuceConnectionFactory shared;

    private TestRedis() {
    }

    static String url() {
        return TestDatabase.redisUrl();
    }

    /** A connection factory on the server, shared by the JVM's tests. */
    static synchronized LettuceConnectionFactory connectionFactory() {
        String url = url();
        if (shared == null) {
            LettuceConnectionFactory made = new LettuceConnectionFactory(
                    LettuceConnectionFactory.createRedisConfiguration(url));
            made.afterPropertiesSet();
            made.start();
            shared = made;
        }
        return shared;
    }

    static StringRedisTemplate template() {
        return new StringRedisTemplate(connectionFactory());
    }

    /** A prefix no other test uses: {@code apscheduler-test:<random>:}. */
    static String newPrefix() {
        return "apscheduler-test:" + UUID.randomUUID() + ":";
    }

    /** Removes every key that starts with {@code prefix}. */
    static void removeKeys(String prefix) {
        StringRedisTemplate template = template();
        Set<String> keys = template.keys(prefix + "*");
        if (keys != null && !keys.isEmpty()) {
            template.delete(List.copyOf(keys));
        }
    }
}
