package io.github.apscheduler4j.redis;

import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;

/**
 * What configuration says about a Redis store besides its connection: {@code key_prefix} ({@value
 * RedisKeys#DEFAULT_PREFIX} unless set) and {@code listen_for_changes} ({@code true}). Read once, by the URL factory
 * and by Spring Boot's store on the application's connection factory alike; errors name the option.
 */
public record RedisStoreOptions(String keyPrefix, boolean listenForChanges) {

    /** The option names, for {@link ConfigOptions#requireOnly}. */
    public static final String[] NAMES = {"key_prefix", "listen_for_changes"};

    /** @throws InvalidConfigurationException naming {@code key_prefix} when Redis keys cannot start with it */
    public static RedisStoreOptions from(ConfigOptions options) {
        String prefix = options.string("key_prefix", RedisKeys.DEFAULT_PREFIX);
        String problem = RedisKeys.prefixProblem(prefix);
        if (problem != null) {
            throw new InvalidConfigurationException("key_prefix", prefix, problem);
        }
        return new RedisStoreOptions(prefix, options.bool("listen_for_changes", true));
    }

    /** Sets the prefix and the listening on {@code builder}. @return the builder */
    public RedisJobStore.Builder applyTo(RedisJobStore.Builder builder) {
        return builder.keyPrefix(keyPrefix).listenForChanges(listenForChanges);
    }
}
