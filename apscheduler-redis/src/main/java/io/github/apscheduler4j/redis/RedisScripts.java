package io.github.apscheduler4j.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that do every read and write of a {@link RedisJobStore} in one atomic step (Redis runs a script
 * alone): each compare-and-set, and each read of a state with its version. Kept as resources beside this class.
 */
final class RedisScripts {

    @SuppressWarnings("rawtypes")
    static final RedisScript<List> READ_JOBS = script("read-jobs.lua", List.class);
    static final RedisScript<Long> ADD_JOBS = script("add-jobs.lua", Long.class);
    static final RedisScript<Long> UPDATE_JOB = script("update-job.lua", Long.class);
    static final RedisScript<Long> REMOVE_JOBS = script("remove-jobs.lua", Long.class);
    static final RedisScript<Long> QUARANTINE_JOB = script("quarantine-job.lua", Long.class);
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> RESERVE_DUE = script("reserve-due.lua", List.class);
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> CLAIM_JOBS = script("claim-jobs.lua", List.class);
    static final RedisScript<Long> WRITE_RUNS = script("write-runs.lua", Long.class);
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> READ_RUNS = script("read-runs.lua", List.class);

    private RedisScripts() {
    }

    private static <T> RedisScript<T> script(String name, Class<T> result) {
        try (InputStream in = Objects.requireNonNull(RedisScripts.class.getResourceAsStream(name), name)) {
            return new DefaultRedisScript<>(new String(in.readAllBytes(), StandardCharsets.UTF_8), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Lua script " + name, e);
        }
    }

    /** Runs a script whose reply is a list, as strings ({@code null} for a nil, numbers as text). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<String> strings(StringRedisTemplate template, RedisScript<List> script, List<String> keys,
            List<String> args) {
        List reply = template.execute(script, keys, args.toArray());
        return reply == null ? List.of() : ((List<Object>) reply).stream().map(value -> value == null ? null
                : String.valueOf(value)).toList();
    }

    static long number(StringRedisTemplate template, RedisScript<Long> script, List<String> keys, List<String> args) {
        Long reply = template.execute(script, keys, args.toArray());
        return reply == null ? 0 : reply;
    }
}
