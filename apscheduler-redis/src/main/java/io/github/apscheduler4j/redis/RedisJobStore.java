package io.github.apscheduler4j.redis;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobCodec;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.QuarantinedJob;
import io.github.apscheduler4j.store.StaleJobException;
import io.github.apscheduler4j.store.StoredJobReader;
import io.github.apscheduler4j.store.StoredJobReader.StoredJob;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps jobs in Redis: APScheduler's {@code RedisJobStore} layout (a hash of job states, a sorted set of next run
 * times), on Spring Data Redis, with this project's rules: the states are {@link JobCodec}'s JSON, every write is a
 * compare-and-set on the job's version, an unreadable record is quarantined and kept, and the claimed runs live in a
 * {@link RedisRunLedger}. {@link RedisKeys} lists the keys; every read and write is one Lua script
 * ({@link RedisScripts}), which Redis runs alone: a claim and its run are one atomic step, and a state is never read
 * with another write's version.
 *
 * <p>The store is {@linkplain #isShared() shared}. Each add, update and removal is announced on the
 * {@code <prefix>changes} channel in the same script, and a {@link RedisChangeListener} wakes this store's scheduler
 * when another instance announces one; polling at the store poll interval stays the guarantee (a message published
 * while a subscriber reconnects is lost). Claims are not announced: they only move jobs later. Instances claiming
 * at once take disjoint batches: {@link #claimDueJobs} reserves the due jobs it reads.
 *
 * <p>Made with {@link #builder(RedisConnectionFactory)} (the caller's factory, never closed by the store) or by
 * {@link RedisJobStoreFactory} from a URL (a factory the store owns and destroys on {@link #shutdown()}). Redis errors
 * surface as Spring's {@code DataAccessException}s. Thread safe.
 */
public final class RedisJobStore implements JobStore {

    private static final Logger log = LoggerFactory.getLogger(RedisJobStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FIELDS = 5;
    private static final long RESERVATION_MILLIS = 5_000;

    private final RedisConnectionFactory connectionFactory;
    private final StringRedisTemplate template;
    private final RedisKeys keys;
    private final boolean listenForChanges;
    private final AutoCloseable ownedFactory;
    private final RedisRunLedger runs;
    private volatile StoredJobReader reader;
    private volatile JobStoreContext context;
    private volatile RedisChangeListener listener;

    private RedisJobStore(RedisConnectionFactory connectionFactory, RedisKeys keys, boolean listenForChanges,
            AutoCloseable ownedFactory) {
        this.connectionFactory = connectionFactory;
        this.template = new StringRedisTemplate(connectionFactory);
        this.keys = keys;
        this.listenForChanges = listenForChanges;
        this.ownedFactory = ownedFactory;
        this.runs = new RedisRunLedger(template, keys, () -> context);
    }

    /** A store on {@code connectionFactory}, which stays the caller's to close. */
    public static Builder builder(RedisConnectionFactory connectionFactory) {
        return new Builder(Objects.requireNonNull(connectionFactory, "connectionFactory"), null);
    }

    /** A store on a Lettuce connection factory that it made itself, and destroys on shutdown. */
    static Builder owning(LettuceConnectionFactory connectionFactory) {
        return new Builder(connectionFactory, connectionFactory::destroy);
    }

    /** Subscribes to the changes channel, unless the builder turned that off. */
    @Override
    public void start(JobStoreContext context) {
        reader = new StoredJobReader(context, "Redis hash " + keys.jobs(), this::quarantine, log);
        this.context = context;
        if (listenForChanges && listener == null) {
            listener = new RedisChangeListener(connectionFactory, keys.changes(), context.instanceId(),
                    context.wakeup(), context.alias());
            listener.start();
        }
        log.info("Job store '{}': Redis keys {}* (claimed runs in {})", context.alias(), keys.prefix(), keys.runs());
    }

    /** Always: other schedulers may share the keys. */
    @Override
    public boolean isShared() {
        return true;
    }

    /** Stops listening, and closes the connection factory the store made from a URL. */
    @Override
    public void shutdown() {
        RedisChangeListener current = listener;
        listener = null;
        if (current != null) {
            current.stop();
        }
        if (ownedFactory != null) {
            try {
                ownedFactory.close();
            } catch (Exception e) {
                log.warn("Closing the Redis connection of job store {} failed", this, e);
            }
        }
    }

    @Override
    public Job lookupJob(String id) {
        List<Job> found = jobs(read("ids", id));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public List<Job> dueJobs(Instant now) {
        return dueJobs(now, Integer.MAX_VALUE);
    }

    /** Reads no more than {@code limit} records: the earliest of the run times sorted set, ties by id. */
    @Override
    public List<Job> dueJobs(Instant now, int limit) {
        List<Job> due = jobs(read("due", Long.toString(now.toEpochMilli()), Integer.toString(limit)));
        // the score holds milliseconds; a job due later within the last one is not due yet
        due.removeIf(job -> job.nextRunTime().toInstant().isAfter(now));
        return due;
    }

    @Override
    public Instant nextRunTime() {
        return first(template.opsForZSet().rangeWithScores(keys.runTimes(), 0, 0));
    }

    /** As the other stores': from the millisecond of {@code instant} on, since the scores hold milliseconds. */
    @Override
    public Instant nextRunTimeAfter(Instant instant) {
        return first(template.opsForZSet().rangeByScoreWithScores(keys.runTimes(), instant.toEpochMilli(),
                Double.POSITIVE_INFINITY, 0, 1));
    }

    private static Instant first(Set<TypedTuple<String>> earliest) {
        if (earliest == null || earliest.isEmpty()) {
            return null;
        }
        Double score = earliest.iterator().next().getScore();
        return score == null ? null : Instant.ofEpochMilli(score.longValue());
    }

    @Override
    public List<Job> allJobs() {
        List<Job> all = jobs(read("all"));
        all.sort(Comparator.comparing((Job job) -> job.nextRunTime() == null)
                .thenComparing(job -> job.nextRunTime() == null ? Instant.MIN
                        : Instant.ofEpochMilli(job.nextRunTime().toInstant().toEpochMilli()))
                .thenComparing(Job::id));
        return all;
    }

    /** The records flagged as unreadable so far, by id; see {@link JobStore#quarantinedJobs()}. */
    @Override
    public List<QuarantinedJob> quarantinedJobs() {
        List<String> reply = read("quarantined");
        List<QuarantinedJob> quarantined = new ArrayList<>();
        for (int i = 0; i < reply.size(); i += FIELDS) {
            quarantined.add(new QuarantinedJob(reply.get(i), reply.get(i + 3),
                    reply.get(i + 1).isEmpty() ? null : reply.get(i + 1)));
        }
        quarantined.sort(Comparator.comparing(QuarantinedJob::id));
        return quarantined;
    }

    @Override
    public void addJob(Job job) {
        addJobs(List.of(job));
    }

    /**
     * Adds the jobs in one script: all of them, or none when an id is taken (a quarantined record counts) or given
     * twice. Every state is encoded first, so a job that cannot be stored fails the batch before anything is written.
     */
    @Override
    public void addJobs(List<Job> jobs) {
        ConflictingIdException.requireDistinctIds(jobs);
        if (jobs.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(1 + 3 * jobs.size());
        args.add(publisher());
        for (Job job : jobs) {
            String state = JobCodec.encode(job);
            args.add(job.id());
            args.add(score(job.nextRunTime()));
            args.add(state);
        }
        long taken = RedisScripts.number(template, RedisScripts.ADD_JOBS, withChannel(keys.jobKeys().subList(0, 3)),
                args);
        if (taken > 0) {
            throw new ConflictingIdException(jobs.get((int) taken - 1).id());
        }
    }

    /** Replaces the job's state if it still has the job's version; a quarantined record is left as it is. */
    @Override
    public void updateJob(Job job) {
        String state = JobCodec.encode(job);
        long written = RedisScripts.number(template, RedisScripts.UPDATE_JOB, withChannel(keys.jobKeys()),
                List.of(publisher(), job.id(), Long.toString(job.version()), score(job.nextRunTime()), state));
        if (written < 0) {
            throw new JobLookupException(job.id());
        }
        if (written == 0) {
            throw new StaleJobException(job.id(), job.version());
        }
    }

    /** Removes the job's record, a quarantined one too; its runs stay until they end. */
    @Override
    public void removeJob(String id) {
        if (remove(id) == 0) {
            throw new JobLookupException(id);
        }
    }

    @Override
    public void removeAllJobs() {
        remove("*");
    }

    private long remove(String idOrAll) {
        List<String> removalKeys = new ArrayList<>(withChannel(List.of(keys.jobs(), keys.runTimes(), keys.versions(),
                keys.quarantined(), keys.claims())));
        removalKeys.add(keys.quarantinedRunTimes());
        return RedisScripts.number(template, RedisScripts.REMOVE_JOBS, removalKeys, List.of(publisher(), idOrAll));
    }

    private List<String> withChannel(List<String> scriptKeys) {
        List<String> all = new ArrayList<>(scriptKeys);
        all.add(keys.changes());
        return all;
    }

    /** What a write announces as its writer: this instance, whose own listener ignores it. */
    private String publisher() {
        JobStoreContext started = context;
        return started == null ? "" : started.instanceId();
    }

    /**
     * Moves the job on if it still has the version read, recording the claim in {@code <prefix>claims}; a job whose
     * trigger is exhausted is deleted instead.
     */
    @Override
    public boolean claimJob(Job due, ZonedDateTime nextRunTime) {
        return claimJobs(List.of(new JobClaim(due, nextRunTime))).get(0);
    }

    /**
     * Lock-and-fetch, as {@code FOR UPDATE SKIP LOCKED} gives it in a database: one script reads at most {@code limit}
     * due jobs that no other instance has reserved and reserves them (for {@value #RESERVATION_MILLIS} ms of the
     * server's clock); their claims end the reservations, and the jobs {@code prepare} leaves out are released at
     * once. Instances claiming at once so take disjoint batches instead of racing for the earliest jobs; a
     * reservation only steers them, every claim still compares the version, and one left by an instance that died
     * holds its jobs back from the others for no longer than it lasts.
     */
    @Override
    public BitSet claimDueJobs(Instant now, int limit, Function<List<Job>, List<JobClaim>> prepare) {
        started();
        List<String> reply = RedisScripts.strings(template, RedisScripts.RESERVE_DUE, keys.reservationKeys(),
                List.of(Long.toString(now.toEpochMilli()), Integer.toString(limit), Long.toString(RESERVATION_MILLIS)));
        Set<String> reserved = new HashSet<>();
        for (int i = 0; i < reply.size(); i += FIELDS) {
            reserved.add(reply.get(i));
        }
        try {
            List<Job> due = jobs(reply);
            due.removeIf(job -> job.nextRunTime().toInstant().isAfter(now));
            List<JobClaim> claims = prepare.apply(due);
            BitSet won = claims.isEmpty() ? new BitSet() : claimJobs(claims);
            claims.forEach(claim -> reserved.remove(claim.due().id()));
            return won;
        } finally {
            if (!reserved.isEmpty()) {
                template.opsForZSet().remove(keys.reserved(), reserved.toArray());
            }
        }
    }

    /** The ledger in {@code <prefix>runs}, {@code <prefix>run_states} and {@code <prefix>run_leases}. */
    @Override
    public RedisRunLedger runLedger() {
        return runs;
    }

    /**
     * Claims the batch in one script: each claim a compare-and-set on its job's version, and the run of each claim
     * that wins written with it. Every state is encoded before anything is written.
     */
    @Override
    public BitSet claimJobs(List<JobClaim> claims) {
        JobStoreContext started = started();
        BitSet won = new BitSet(claims.size());
        if (claims.isEmpty()) {
            return won;
        }
        Map<String, Object> mark = new LinkedHashMap<>();
        mark.put("claimed_by", started.instanceId());
        mark.put("claimed_at", started.clock().millis());
        List<String> args = new ArrayList<>(1 + 8 * claims.size());
        args.add(JSON.writeValueAsString(mark));
        for (JobClaim claim : claims) {
            Job due = claim.due();
            ZonedDateTime next = claim.nextRunTime();
            String state = next == null ? "" : JobCodec.encode(due.withNextRunTime(next));
            args.add(due.id());
            args.add(Long.toString(due.version()));
            args.add(next == null ? "" : score(next));
            args.add(state);
            if (claim.run() == null) {
                args.addAll(List.of("", "", "", ""));
            } else {
                RedisRunLedger.addRecord(args, claim.run(),
                        claim.run().job() == due && next != null ? state : JobCodec.encode(claim.run().job()));
            }
        }
        List<String> reply = RedisScripts.strings(template, RedisScripts.CLAIM_JOBS, keys.claimKeys(), args);
        for (int i = 0; i < reply.size(); i++) {
            if ("1".equals(reply.get(i))) {
                won.set(i);
            }
        }
        return won;
    }

    private JobStoreContext started() {
        JobStoreContext started = context;
        if (started == null || reader == null) {
            throw new IllegalStateException(this + " has not been started by a scheduler");
        }
        return started;
    }

    private List<String> read(String mode, String... args) {
        List<String> all = new ArrayList<>(args.length + 1);
        all.add(mode);
        all.addAll(List.of(args));
        return RedisScripts.strings(template, RedisScripts.READ_JOBS, keys.jobKeys(), all);
    }

    /** The records' jobs; a record that cannot be read back is flagged, logged once, and left out. */
    private List<Job> jobs(List<String> reply) {
        started();
        StoredJobReader current = reader;
        List<StoredJob> records = new ArrayList<>(reply.size() / FIELDS);
        for (int i = 0; i < reply.size(); i += FIELDS) {
            String id = reply.get(i);
            String version = reply.get(i + 2);
            if (!reply.get(i + 3).isEmpty()) {
                continue; // quarantined
            }
            if (!version.matches("-?\\d{1,18}")) {
                quarantineUnversioned(id, "version is not a whole number but "
                        + (version.isEmpty() ? "missing" : "'" + version + "'"));
                continue;
            }
            String score = reply.get(i + 4);
            records.add(new StoredJob(id, reply.get(i + 1), score.isEmpty() ? null
                    : Instant.ofEpochMilli((long) Double.parseDouble(score)), Long.parseLong(version)));
        }
        return current.jobs(records);
    }

    private boolean quarantine(StoredJob record, String reason) {
        return RedisScripts.number(template, RedisScripts.QUARANTINE_JOB, keys.quarantineKeys(),
                List.of(record.id(), Long.toString(record.version()), reason)) == 1;
    }

    /** Every write compares a record's version: one without a readable version could never be claimed. */
    private void quarantineUnversioned(String id, String reason) {
        boolean flagged = RedisScripts.number(template, RedisScripts.QUARANTINE_JOB, keys.quarantineKeys(),
                List.of(id, "", reason)) == 1;
        if (flagged) {
            log.warn("Job '{}' of job store '{}' cannot be read back and is quarantined: kept in Redis hash {}, never"
                    + " run, listed by quarantinedJobs(); replace or remove it to clear it. Reason: {}", id,
                    context == null ? "?" : context.alias(), keys.jobs(), reason);
        }
    }

    /** A next run time as a run times score: epoch milliseconds, {@code ""} while paused. */
    private static String score(ZonedDateTime time) {
        return time == null ? "" : Long.toString(time.toInstant().toEpochMilli());
    }

    @Override
    public String toString() {
        return "RedisJobStore[prefix=" + keys.prefix() + "]";
    }

    /** Builds a {@link RedisJobStore}; each setter checks its value. */
    public static final class Builder {

        private final RedisConnectionFactory connectionFactory;
        private final AutoCloseable ownedFactory;
        private RedisKeys keys = new RedisKeys(RedisKeys.DEFAULT_PREFIX);
        private boolean listenForChanges = true;

        private Builder(RedisConnectionFactory connectionFactory, AutoCloseable ownedFactory) {
            this.connectionFactory = connectionFactory;
            this.ownedFactory = ownedFactory;
        }

        /** What every key starts with: {@value RedisKeys#DEFAULT_PREFIX} unless set. */
        public Builder keyPrefix(String prefix) {
            keys = new RedisKeys(prefix);
            return this;
        }

        /**
         * Whether to subscribe to the changes channel and wake the scheduler when another instance writes (on unless
         * set): one connection per store.
         */
        public Builder listenForChanges(boolean listen) {
            listenForChanges = listen;
            return this;
        }

        public RedisJobStore build() {
            return new RedisJobStore(connectionFactory, keys, listenForChanges, ownedFactory);
        }
    }
}
