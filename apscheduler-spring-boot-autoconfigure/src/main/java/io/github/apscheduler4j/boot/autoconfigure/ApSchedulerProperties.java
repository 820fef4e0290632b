package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.annotation.OrphanPolicy;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.job.RunPolicy;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.convert.Delimiter;
import org.springframework.boot.convert.DurationUnit;

/**
 * The scheduler's settings, mirroring APScheduler's dict configuration: {@code apscheduler.timezone},
 * {@code apscheduler.jobstores.<alias>.type}, {@code apscheduler.executors.<alias>.max_workers},
 * {@code apscheduler.job_defaults.max_instances}... APScheduler's snake_case keys and Spring's kebab-case both bind.
 * Durations without a unit are seconds, as in APScheduler.
 */
@ConfigurationProperties("apscheduler")
public class ApSchedulerProperties {

    /** Whether to create the scheduler; false turns off the whole auto-configuration. */
    private boolean enabled = true;

    /** Whether to start the scheduler once the application context is refreshed. */
    private boolean autoStart = true;

    /**
     * Which of APScheduler's schedulers to run, by name (background, blocking, asyncio, gevent, tornado, twisted, qt)
     * or by the class name of an AbstractScheduler. "blocking" holds the application's main thread in the scheduler
     * until the application stops, for applications that only schedule.
     */
    private String scheduler = "background";

    /** Time zone of the scheduler, for triggers that name none (a region such as Europe/Berlin); defaults to the system's. */
    private String timezone;

    /**
     * Job stores by alias, each with a "type" (memory, sqlalchemy, mongodb) or a "class" and the store's own options,
     * as in APScheduler's "jobstores" dict. A JobStore bean is a store too, under its bean name.
     */
    private Map<String, JobStoreProperties> jobstores = new LinkedHashMap<>();

    /**
     * Executors by alias, each with a "type" (threadpool, processpool, virtual, debug) or a "class" and the executor's
     * own options, as in APScheduler's "executors" dict. A JobExecutor bean is an executor too, under its bean name.
     */
    private Map<String, ExecutorProperties> executors = new LinkedHashMap<>();

    /** Settings of jobs that do not choose their own. */
    private final JobDefaultsProperties jobDefaults = new JobDefaultsProperties();

    /** How long to wait before asking a failing job store again. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration jobstoreRetryInterval = SchedulerConfig.DEFAULT_JOBSTORE_RETRY_INTERVAL;

    /** This scheduler's name among instances sharing a job store; defaults to the host name and process id. */
    private String instanceId;

    /** How often to look at a shared job store for jobs added or changed by other instances. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration storePollInterval = SchedulerConfig.DEFAULT_STORE_POLL_INTERVAL;

    /**
     * How long a run this instance claimed stays its own in the job store unless renewed: when the instance dies, a
     * live instance recovers the run (reports it abandoned, or runs it again) this long after its last renewal.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration leaseDuration = SchedulerConfig.DEFAULT_LEASE_DURATION;

    /**
     * How often this instance renews the leases of the runs it holds, and looks for runs to recover or retry (its
     * heartbeat); shorter than the lease duration.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration leaseRenewalInterval = SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL;

    /** How many of its last runs to keep per job, for the apsjobs endpoint. */
    private int historySize = 20;

    /** How the scheduler stops when the application context closes. */
    private final Shutdown shutdown = new Shutdown();

    /** How the jobs declared with @ApsJob are reconciled with their stores at start. */
    private final DeclaredJobsProperties declaredJobs = new DeclaredJobsProperties();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getScheduler() {
        return scheduler;
    }

    public void setScheduler(String scheduler) {
        this.scheduler = scheduler;
    }

    public boolean isAutoStart() {
        return autoStart;
    }

    public void setAutoStart(boolean autoStart) {
        this.autoStart = autoStart;
    }

    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    public Map<String, JobStoreProperties> getJobstores() {
        return jobstores;
    }

    public void setJobstores(Map<String, JobStoreProperties> jobstores) {
        this.jobstores = jobstores;
    }

    public Map<String, ExecutorProperties> getExecutors() {
        return executors;
    }

    public void setExecutors(Map<String, ExecutorProperties> executors) {
        this.executors = executors;
    }

    public JobDefaultsProperties getJobDefaults() {
        return jobDefaults;
    }

    public Duration getJobstoreRetryInterval() {
        return jobstoreRetryInterval;
    }

    public void setJobstoreRetryInterval(Duration jobstoreRetryInterval) {
        this.jobstoreRetryInterval = jobstoreRetryInterval;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Duration getStorePollInterval() {
        return storePollInterval;
    }

    public void setStorePollInterval(Duration storePollInterval) {
        this.storePollInterval = storePollInterval;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Duration getLeaseRenewalInterval() {
        return leaseRenewalInterval;
    }

    public void setLeaseRenewalInterval(Duration leaseRenewalInterval) {
        this.leaseRenewalInterval = leaseRenewalInterval;
    }

    public int getHistorySize() {
        return historySize;
    }

    public void setHistorySize(int historySize) {
        this.historySize = historySize;
    }

    public Shutdown getShutdown() {
        return shutdown;
    }

    public DeclaredJobsProperties getDeclaredJobs() {
        return declaredJobs;
    }

    /** APScheduler's {@code job_defaults}. */
    public static class JobDefaultsProperties {

        /** Whether several missed runs of a job are rolled into one. */
        private boolean coalesce = JobDefaults.DEFAULT_COALESCE;

        /** Maximum number of concurrently running instances of a job. */
        private int maxInstances = JobDefaults.DEFAULT_MAX_INSTANCES;

        /**
         * How late a run may start and still run: a duration (seconds without a unit, 30s, PT30S), or none for no
         * limit.
         */
        private String misfireGraceTime = JobDefaults.DEFAULT_MISFIRE_GRACE_TIME.toSeconds() + "s";

        /**
         * What becomes of a fire whose instance died while running it: none (it is reported abandoned, not run
         * again: at most once) or rerun (a live instance runs it again, once: at least once).
         */
        private Recovery recovery = RunPolicy.DEFAULT.recovery();

        /** How many times a run that failed is tried again; 0 for never. */
        private int retries = RunPolicy.DEFAULT.retries();

        /**
         * The wait before a failed run's first retry; each later retry waits twice as long, at most an hour, and each
         * wait is drawn between half of it and all of it.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration retryBackoff = RunPolicy.DEFAULT_RETRY_BACKOFF;

        public boolean isCoalesce() {
            return coalesce;
        }

        public void setCoalesce(boolean coalesce) {
            this.coalesce = coalesce;
        }

        public int getMaxInstances() {
            return maxInstances;
        }

        public void setMaxInstances(int maxInstances) {
            this.maxInstances = maxInstances;
        }

        public String getMisfireGraceTime() {
            return misfireGraceTime;
        }

        public void setMisfireGraceTime(String misfireGraceTime) {
            this.misfireGraceTime = misfireGraceTime;
        }

        public Recovery getRecovery() {
            return recovery;
        }

        public void setRecovery(Recovery recovery) {
            this.recovery = recovery;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }
    }

    /** What every store and executor entry has: a type or a class, and the options of a class of the application's own. */
    public abstract static class ComponentProperties {

        /**
         * Type of the component (jobstores: memory, sqlalchemy, jdbc or mongodb; executors: threadpool, processpool,
         * virtual or debug).
         */
        private String type;

        /**
         * Class of the component, instead of a type: a JobStore or JobExecutor with a public constructor taking a Map
         * of its options.
         */
        @Name("class")
        private String className;

        /** Options of a class of the application's own, in snake_case, passed to its constructor. */
        private Map<String, Object> options = new LinkedHashMap<>();

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getClassName() {
            return className;
        }

        public void setClassName(String className) {
            this.className = className;
        }

        public Map<String, Object> getOptions() {
            return options;
        }

        public void setOptions(Map<String, Object> options) {
            this.options = options;
        }

        /** The entry in APScheduler's dict form: the keys set, in snake_case, as the engine's factories read them. */
        public abstract Map<String, Object> asEntry();

        /** A new entry with {@code type} and {@code class}, where set. */
        protected final Map<String, Object> kind() {
            Map<String, Object> entry = new LinkedHashMap<>();
            putIfSet(entry, "type", type);
            putIfSet(entry, "class", className);
            return entry;
        }
    }

    /**
     * One {@code apscheduler.jobstores.<alias>} entry: its type or class, the options of the built-in types, and the
     * options of a store class of the application's own.
     */
    public static class JobStoreProperties extends ComponentProperties {

        /**
         * JDBC URL of the database (sqlalchemy, jdbc), or Redis URL (redis); without it the store uses the
         * application's DataSource or RedisConnectionFactory.
         */
        private String url;

        /** User the store's own connection pool connects as (sqlalchemy, jdbc; with url only). */
        private String username;

        /** Password of that user (sqlalchemy, jdbc; with url only). */
        private String password;

        /** Name of the jobs table (sqlalchemy, jdbc); apscheduler_jobs unless set. */
        private String tablename;

        /** Schema of the jobs table (sqlalchemy, jdbc); the connection's own unless set. */
        private String tableschema;

        /** When the store creates its tables (sqlalchemy, jdbc): embedded (the default), always or never. */
        private String initializeSchema;

        /** MongoDB connection string (mongodb); without it the store uses the application's MongoClient. */
        private String uri;

        /** MongoDB database of the jobs (mongodb); apscheduler unless set. */
        private String database;

        /** MongoDB collection of the jobs (mongodb); jobs unless set. */
        private String collection;

        /** MongoDB collection of the claimed runs (mongodb); the jobs collection's name followed by _runs unless set. */
        private String runsCollection;

        /** Prefix of every Redis key the store uses (redis); apscheduler. unless set. */
        private String keyPrefix;

        /** Whether the store wakes at once on other instances' changes, through Redis pub/sub (redis); true unless set. */
        private Boolean listenForChanges;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getTablename() {
            return tablename;
        }

        public void setTablename(String tablename) {
            this.tablename = tablename;
        }

        public String getTableschema() {
            return tableschema;
        }

        public void setTableschema(String tableschema) {
            this.tableschema = tableschema;
        }

        public String getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(String initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public String getUri() {
            return uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }

        public String getDatabase() {
            return database;
        }

        public void setDatabase(String database) {
            this.database = database;
        }

        public String getCollection() {
            return collection;
        }

        public void setCollection(String collection) {
            this.collection = collection;
        }

        public String getRunsCollection() {
            return runsCollection;
        }

        public void setRunsCollection(String runsCollection) {
            this.runsCollection = runsCollection;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public Boolean getListenForChanges() {
            return listenForChanges;
        }

        public void setListenForChanges(Boolean listenForChanges) {
            this.listenForChanges = listenForChanges;
        }

        @Override
        public Map<String, Object> asEntry() {
            Map<String, Object> entry = kind();
            putIfSet(entry, "url", url);
            putIfSet(entry, "username", username);
            putIfSet(entry, "password", password);
            putIfSet(entry, "tablename", tablename);
            putIfSet(entry, "tableschema", tableschema);
            putIfSet(entry, "initialize_schema", initializeSchema);
            putIfSet(entry, "uri", uri);
            putIfSet(entry, "database", database);
            putIfSet(entry, "collection", collection);
            putIfSet(entry, "runs_collection", runsCollection);
            putIfSet(entry, "key_prefix", keyPrefix);
            putIfSet(entry, "listen_for_changes", listenForChanges);
            entry.putAll(ComponentOptions.flatten(getOptions()));
            return entry;
        }
    }

    /**
     * One {@code apscheduler.executors.<alias>} entry: its type or class, the options of the built-in types, and the
     * options of an executor class of the application's own.
     */
    public static class ExecutorProperties extends ComponentProperties {

        /** Number of workers (threadpool: 10 unless set; processpool: 5): APScheduler's max_workers. */
        private Integer maxWorkers;

        /**
         * Arguments of the worker JVMs (processpool): a list, or one value of arguments separated by spaces.
         */
        @Delimiter(Delimiter.NONE)
        private List<String> jvmArgs;

        public Integer getMaxWorkers() {
            return maxWorkers;
        }

        public void setMaxWorkers(Integer maxWorkers) {
            this.maxWorkers = maxWorkers;
        }

        public List<String> getJvmArgs() {
            return jvmArgs;
        }

        public void setJvmArgs(List<String> jvmArgs) {
            this.jvmArgs = jvmArgs;
        }

        @Override
        public Map<String, Object> asEntry() {
            Map<String, Object> entry = kind();
            putIfSet(entry, "max_workers", maxWorkers);
            if (jvmArgs != null) {
                // one value is the engine's string of arguments separated by spaces, as an environment variable gives it
                entry.put("jvm_args", jvmArgs.size() == 1 ? jvmArgs.get(0) : List.copyOf(jvmArgs));
            }
            entry.putAll(ComponentOptions.flatten(getOptions()));
            return entry;
        }
    }

    private static void putIfSet(Map<String, Object> entry, String key, Object value) {
        if (value != null) {
            entry.put(key, value);
        }
    }

    /** The seed's {@code scheduler.shutdown(wait=...)}. */
    public static class Shutdown {

        /** Whether to wait for the runs under way to finish (APScheduler's shutdown(wait=True)). */
        private boolean wait = true;

        /**
         * How long to wait for the runs under way at most; the application goes on closing after that. Defaults to
         * spring.lifecycle.timeout-per-shutdown-phase.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration awaitTermination;

        public boolean isWait() {
            return wait;
        }

        public void setWait(boolean wait) {
            this.wait = wait;
        }

        public Duration getAwaitTermination() {
            return awaitTermination;
        }

        public void setAwaitTermination(Duration awaitTermination) {
            this.awaitTermination = awaitTermination;
        }
    }

    /** The jobs an application declares with {@code @ApsJob}, which are reconciled with their stores at each start. */
    public static class DeclaredJobsProperties {

        /**
         * What becomes, at start, of a stored job that an @ApsJob declared earlier and none declares now: keep (it
         * runs as before, with a WARN naming it), pause or remove.
         */
        private OrphanPolicy orphans = OrphanPolicy.KEEP;

        public OrphanPolicy getOrphans() {
            return orphans;
        }

        public void setOrphans(OrphanPolicy orphans) {
            this.orphans = orphans;
        }
    }
}
