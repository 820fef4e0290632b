package io.github.apscheduler4j.redis;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.ClaimedRun;
import io.github.apscheduler4j.store.JobCodec;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.RunJobReader;
import io.github.apscheduler4j.store.RunLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link RedisJobStore}'s {@link RunLedger}: one entry per fire claimed and not yet ended, under the fire's key
 * ({@code jobId@fireTime}, the fire time exact) in three keys: {@code <prefix>runs} (the run's holder, lease end,
 * attempt, phase and version, as JSON), {@code <prefix>run_states} (the job as claimed, in {@link JobCodec}'s JSON) and
 * {@code <prefix>run_leases} (the lease ends, a sorted set, for {@link #upForGrabs}). The store's claims write the runs
 * of the claims that win in the claim's own script; every other write here is one script
 * ({@code write-runs.lua}), a compare-and-set on the run's holder or version.
 *
 * <p>A run whose job state cannot be read back is reported with a stand-in job that no instance runs
 * ({@link RunJobReader}), as the JDBC store's ledger does.
 */
public final class RedisRunLedger implements RunLedger {

    private static final Logger log = LoggerFactory.getLogger(RedisJobStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringRedisTemplate template;
    private final RedisKeys keys;
    private final Supplier<JobStoreContext> context;
    private final RunJobReader jobs;

    RedisRunLedger(StringRedisTemplate template, RedisKeys keys, Supplier<JobStoreContext> context) {
        this.template = template;
        this.keys = keys;
        this.context = context;
        this.jobs = new RunJobReader("Redis hash " + keys.runStates(), log);
    }

    /** Appends what the scripts take to record {@code run}: its key, meta, job state and lease end score. */
    static void addRecord(List<String> args, ClaimedRun run, String state) {
        args.add(run.fireId());
        args.add(meta(run));
        args.add(state);
        args.add(Long.toString(run.leaseEnd().toEpochMilli()));
    }

    private static String meta(ClaimedRun run) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("job_id", run.jobId());
        meta.put("fire_time", run.fireTime().toString());
        if (run.instanceId() != null) {
            meta.put("instance_id", run.instanceId());
        }
        meta.put("lease_end", run.leaseEnd().toEpochMilli());
        meta.put("attempt", run.attempt());
        meta.put("phase", run.phase().name());
        meta.put("version", run.version());
        return JSON.writeValueAsString(meta);
    }

    /** Records runs claimed elsewhere, in one script; the store's own claims record theirs themselves. */
    @Override
    public void record(List<ClaimedRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(1 + 4 * runs.size());
        args.add("record");
        runs.forEach(run -> addRecord(args, run, JobCodec.encode(run.job())));
        write(args);
    }

    @Override
    public void renew(String instanceId, Collection<ClaimedRun> runs, Instant leaseEnd) {
        if (runs.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(3 + runs.size());
        args.add("renew");
        args.add(instanceId);
        args.add(millis(leaseEnd));
        runs.forEach(run -> args.add(run.fireId()));
        write(args);
    }

    @Override
    public void expireLeases(String instanceId, Instant now) {
        write(List.of("expire", instanceId, millis(now)));
    }

    @Override
    public void end(ClaimedRun run) {
        if (run.instanceId() != null) {
            write(List.of("end", run.fireId(), run.instanceId()));
        }
    }

    @Override
    public boolean release(ClaimedRun run, ClaimedRun.Phase phase, int attempt, Instant from) {
        return run.instanceId() != null && write(List.of("release", run.fireId(), run.instanceId(), phase.name(),
                Integer.toString(attempt), millis(from))) == 1;
    }

    /**
     * The runs whose lease end score is at or before {@code now}, filtered as {@link ClaimedRun#isUpForGrabs} says
     * to the millisecond: a lease ending within the millisecond of {@code now} counts as not yet ended.
     */
    @Override
    public List<ClaimedRun> upForGrabs(Instant now, int limit) {
        long millis = now.toEpochMilli();
        List<ClaimedRun> grabs = read("leases_until", Long.toString(millis));
        grabs.removeIf(run -> run.phase() == ClaimedRun.Phase.RUNNING && run.leaseEnd().toEpochMilli() >= millis);
        return grabs.size() <= limit ? grabs : new ArrayList<>(grabs.subList(0, limit));
    }

    @Override
    public ClaimedRun takeOver(ClaimedRun seen, String instanceId, int attempt, Instant leaseEnd) {
        long taken = write(List.of("take_over", seen.fireId(), Long.toString(seen.version()), instanceId,
                Integer.toString(attempt), millis(leaseEnd)));
        return taken == 1 ? seen.moved(ClaimedRun.Phase.RUNNING, instanceId, leaseEnd, attempt) : null;
    }

    @Override
    public List<ClaimedRun> all() {
        return read("all");
    }

    private long write(List<String> args) {
        return RedisScripts.number(template, RedisScripts.WRITE_RUNS, keys.runKeys(), args);
    }

    /** The runs the read script answers, oldest fire first (ties by job id). */
    private List<ClaimedRun> read(String... args) {
        List<String> reply = RedisScripts.strings(template, RedisScripts.READ_RUNS, keys.runKeys(), List.of(args));
        List<ClaimedRun> runs = new ArrayList<>(reply.size() / 3);
        for (int i = 0; i < reply.size(); i += 3) {
            JsonNode meta = JSON.readTree(reply.get(i + 1));
            Instant fireTime = Instant.parse(meta.get("fire_time").asString());
            String jobId = meta.get("job_id").asString();
            JsonNode holder = meta.get("instance_id");
            runs.add(new ClaimedRun(jobId, fireTime, holder == null || holder.isNull() ? null : holder.asString(),
                    Instant.ofEpochMilli(meta.get("lease_end").asLong()), meta.get("attempt").asInt(),
                    ClaimedRun.Phase.valueOf(meta.get("phase").asString()), meta.get("version").asLong(),
                    job(jobId, fireTime, meta.get("version").asLong(), reply.get(i + 2))));
        }
        runs.sort(Comparator.comparing(ClaimedRun::fireTime).thenComparing(ClaimedRun::jobId));
        return runs;
    }

    /** The run's job, its next run time at the fire; a stand-in when its state cannot be read back. */
    private Job job(String jobId, Instant fireTime, long version, String state) {
        JobStoreContext started = context.get();
        if (started == null) {
            throw new IllegalStateException("the Redis job store of " + keys.runs() + " has not been started");
        }
        return jobs.job(started, jobId, fireTime, version, state.isEmpty() ? null : state);
    }

    private static String millis(Instant time) {
        return Long.toString(time.toEpochMilli());
    }
}
