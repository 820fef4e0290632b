package io.github.apscheduler4j.benchmarks.cluster;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.redis.RedisJobStore;
import io.github.apscheduler4j.redis.RedisJobStoreFactory;
import io.github.apscheduler4j.redis.RedisKeys;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

/**
 * Redis keys under the prefix {@value #PREFIX}, removed by the benchmark. Each instance's store has a Lettuce
 * connection factory of its own (as {@code type: redis} with a {@code url} makes) and its pub/sub connection. Round
 * trips are counted as the scripts the server ran ({@code EVAL} and {@code EVALSHA} in {@code INFO commandstats}),
 * whoever sent them: every read and write of the store is one script, but for the earliest next run time, one
 * {@code ZRANGE} per pass (the commands a script runs count in the server's totals too, so those would mislead). The
 * floor is a one-shot
 * job's claim in its simplest form: one script per job that deletes it if its version is still the one read.
 */
final class RedisClusterBackend implements ClusterBackend {

    private static final String PREFIX = "apscheduler-bench:";
    private static final RedisKeys KEYS = new RedisKeys(PREFIX);
    private static final DefaultRedisScript<Long> COMPARE_AND_DELETE = new DefaultRedisScript<>("if redis.call('HGET',"
            + " KEYS[2], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) redis.call('HDEL', KEYS[2],"
            + " ARGV[1]) return 1 end return 0", Long.class);

    private final String url;
    private final LettuceConnectionFactory admin;
    private final StringRedisTemplate redis;
    private long commandsAtStart;

    RedisClusterBackend(String url) {
        this.url = url;
        this.admin = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url));
        admin.afterPropertiesSet();
        admin.start();
        this.redis = new StringRedisTemplate(admin);
    }

    private Properties info(String section) {
        return redis.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info(section));
    }

    @Override
    public String describe() {
        return "Redis " + info("server").getProperty("redis_version") + " (appendonly "
                + redis.execute((RedisCallback<Properties>) connection -> connection.serverCommands()
                        .getConfig("appendonly")).getProperty("appendonly") + ")";
    }

    @Override
    public String roundTripUnit() {
        return "scripts";
    }

    @Override
    public void fill(List<Job> jobs) {
        redis.delete(KEYS.all());
        RedisJobStore filler = RedisJobStore.builder(admin).keyPrefix(PREFIX).listenForChanges(false).build();
        filler.start(new JobStoreContext("bench", new ClassTargetResolver(), ZoneId.of("UTC"), Clock.systemUTC()));
        filler.addJobs(jobs);
        filler.shutdown();
    }

    @Override
    public JobStore instanceStore(int instance) {
        return new RedisJobStoreFactory().create(Map.of("url", url, "key_prefix", PREFIX));
    }

    @Override
    public void startCounting() {
        commandsAtStart = commandsProcessed();
    }

    @Override
    public long roundTrips() {
        return commandsProcessed() - commandsAtStart;
    }

    private long commandsProcessed() {
        Properties stats = info("commandstats");
        return calls(stats.getProperty("cmdstat_eval")) + calls(stats.getProperty("cmdstat_evalsha"));
    }

    /** The {@code calls=} of a command's statistics line ({@code calls=12,usec=...}), 0 when there is none. */
    private static long calls(String stats) {
        if (stats == null) {
            return 0;
        }
        String calls = stats.substring(stats.indexOf("calls=") + "calls=".length());
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
    }

    @Override
    public long leftover() {
        return redis.opsForHash().size(KEYS.jobs()) + redis.opsForHash().size(KEYS.runs());
    }

    @Override
    public double floor(int jobs) {
        String bareJobs = PREFIX + "bare_jobs";
        String bareVersions = PREFIX + "bare_versions";
        Map<String, String> states = new HashMap<>();
        Map<String, String> versions = new HashMap<>();
        for (int i = 0; i < jobs; i++) {
            states.put(String.format(Locale.ROOT, "job-%06d", i), "{}");
            versions.put(String.format(Locale.ROOT, "job-%06d", i), "1");
        }
        redis.opsForHash().putAll(bareJobs, states);
        redis.opsForHash().putAll(bareVersions, versions);
        List<String> keys = List.of(bareJobs, bareVersions);
        long started = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            redis.execute(COMPARE_AND_DELETE, keys, String.format(Locale.ROOT, "job-%06d", i), "1");
        }
        double rate = jobs / ((System.nanoTime() - started) / 1e9);
        redis.delete(keys);
        return rate;
    }

    @Override
    public String floorDescription(int jobs) {
        return String.format(Locale.ROOT, "%,d compare-and-delete scripts by id and version on one connection", jobs);
    }

    @Override
    public void close() {
        redis.delete(KEYS.all());
        admin.destroy();
    }
}
