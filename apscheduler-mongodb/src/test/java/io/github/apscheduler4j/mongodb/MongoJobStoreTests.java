package io.github.apscheduler4j.mongodb;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.scheduler.ComponentFactories;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobCodec;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.CollectionCallback;
import org.springframework.data.mongodb.core.MongoTemplate;

/** What the MongoDB store does beyond the contract: where it keeps jobs, its options and its factory. */
class MongoJobStoreTests extends InProcessMongo {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final JobStoreContext CONTEXT = new JobStoreContext("main", new ClassTargetResolver(), ZONE,
            Clock.systemUTC());


    @Test
    void keepsJobsInTheTemplatesDatabaseAndTheConfiguredCollection() {
        JobStore store = MongoJobStore.builder(new MongoTemplate(client, "app")).collection("scheduled").build();
        store.start(CONTEXT);

        store.addJob(job("a", T0));

        Document stored = client.getDatabase("app").getCollection("scheduled").find().first();
        assertThat(stored.getString("_id")).isEqualTo("a");
        assertThat(stored.getLong("next_run_time")).isEqualTo(T0.toEpochMilli());
        assertThat(stored.getLong("version")).isEqualTo(1L);
        assertThat(stored.get("job_state")).isInstanceOf(String.class);
        assertThat(store.lookupJob("a").jobstore()).isEqualTo("main");
        assertThat(store).hasToString("MongoJobStore[collection=scheduled]");
    }

    @Test
    void aBatchRacingAnotherWritersAddOfOneOfItsIdsSaysHowManyOfItsJobsWereAdded() {
        AtomicBoolean racing = new AtomicBoolean();
        MongoTemplate template = new MongoTemplate(client, "app") {
            @Override
            public <T> T execute(String collectionName, CollectionCallback<T> action) {
                if (racing.getAndSet(false)) {
                    // another instance adds "c" once the store has checked the batch's ids, before its insert
                    getCollection(collectionName).insertOne(new Document("_id", "c")
                            .append("next_run_time", T0.plusSeconds(5).toEpochMilli()).append("version", 1L)
                            .append("job_state", JobCodec.encode(job("c", T0.plusSeconds(5)))));
                }
                return super.execute(collectionName, action);
            }
        };
        JobStore store = MongoJobStore.builder(template).build();
        store.start(CONTEXT);
        racing.set(true);

        assertThatThrownBy(() -> store.addJobs(List.of(job("a", T0), job("b", T0), job("c", T0), job("d", T0))))
                .isInstanceOfSatisfying(ConflictingIdException.class, e -> assertThat(e.jobId()).isEqualTo("c"))
                .hasMessage("Job identifier (c) was added by another writer while the batch was inserted: the batch's"
                        + " first 2 jobs were added, its other 2 were not");

        assertThat(store.allJobs()).extracting(Job::id).containsExactly("a", "b", "c");
        assertThat(store.lookupJob("c").nextRunTime().toInstant()).as("the other writer's").isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void quarantinesDocumentsWhoseIdOrVersionNoWriteCouldMatchInsteadOfReadingThemAsDueForever() {
        JobStore store = MongoJobStore.builder(new MongoTemplate(client, "app")).collection("scheduled").build();
        store.start(CONTEXT);
        store.addJob(job("good", T0));
        var documents = client.getDatabase("app").getCollection("scheduled");
        String state = documents.find().first().getString("job_state");
        documents.insertOne(new Document("_id", "text-version").append("next_run_time", T0.toEpochMilli())
                .append("version", "one").append("job_state", state.replace("\"good\"", "\"text-version\"")));
        documents.insertOne(new Document("_id", new ObjectId()).append("next_run_time", T0.toEpochMilli())
                .append("version", 1L).append("job_state", state));

        assertThat(store.dueJobs(T0)).extracting(Job::id).containsExactly("good");
        assertThat(store.quarantinedJobs()).hasSize(2).anySatisfy(record -> {
            assertThat(record.id()).isEqualTo("text-version");
            assertThat(record.reason()).isEqualTo("version is not a whole number but String one");
        }).anySatisfy(record -> assertThat(record.reason()).startsWith("_id is not a string but ObjectId"));
        assertThat(store.claimJob(store.dueJobs(T0).get(0), T0.plusSeconds(60).atZone(ZONE))).isTrue();
        assertThat(store.dueJobs(T0)).as("nothing left due").isEmpty();
        assertThat(documents.countDocuments()).as("every document kept").isEqualTo(3);
    }

    @Test
    void refusesNamesMongoDbDoesNotTake() {
        assertThatIllegalArgumentException().isThrownBy(() -> MongoJobStore.builder(client).database("my.db"))
                .withMessage("database 'my.db' must be a MongoDB database name: not blank, without / \\ . space \" or $");
        assertThatIllegalArgumentException().isThrownBy(() -> MongoJobStore.builder(client).collection("jobs$"))
                .withMessageStartingWith("collection 'jobs$' must be a MongoDB collection name");
    }

    @Test
    void isMadeFromApSchedulersConfigurationAndClosesItsOwnClient() {
        SchedulerConfig config = SchedulerConfig.fromMap(Map.of("jobstores.default.type", "mongodb",
                "jobstores.default.uri", server.getConnectionString(), "jobstores.default.database", "scheduling"),
                "apscheduler.");
        JobStore store = config.jobstores().get("default");
        assertThat(store).isInstanceOf(MongoJobStore.class);

        store.start(CONTEXT);
        store.addJob(job("a", T0));
        assertThat(client.getDatabase("scheduling").getCollection("jobs").countDocuments()).isEqualTo(1);
        store.shutdown();

        assertThatThrownBy(store::allJobs).isInstanceOf(DataAccessException.class).hasMessageContaining("state should be: open");
        assertThat(ComponentFactories.load().jobStoreTypes()).contains("mongodb");
    }

    @Test
    void keepsClaimedRunsInTheCollectionTheConfigurationNames() {
        SchedulerConfig config = SchedulerConfig.fromMap(Map.of("jobstores.default.type", "mongodb",
                "jobstores.default.uri", server.getConnectionString(), "jobstores.default.collection", "scheduled",
                "jobstores.default.runs_collection", "scheduled_claims"), "apscheduler.");
        MongoJobStore store = (MongoJobStore) config.jobstores().get("default");
        try {
            store.start(CONTEXT);
            assertThat(store.runLedger().collection()).isEqualTo("scheduled_claims");
        } finally {
            store.shutdown();
        }
        MongoJobStore derived = (MongoJobStore) SchedulerConfig.fromMap(Map.of("jobstores.default.type", "mongodb",
                "jobstores.default.uri", server.getConnectionString(), "jobstores.default.collection", "scheduled"),
                "apscheduler.").jobstores().get("default");
        assertThat(derived.runLedger().collection()).isEqualTo("scheduled_runs");
        derived.shutdown();
        assertThat(configError("runs_collection", "runs$").getMessage()).contains("must be a MongoDB collection name");
    }

    @Test
    void namesTheOptionAtFault() {
        assertThat(configError("uri", "http://localhost").property()).isEqualTo("apscheduler.jobstores.main.uri");
        assertThat(configError("database", "a b").getMessage()).contains("must be a MongoDB database name");
        assertThat(configError("collection", "").getMessage()).contains("must be a MongoDB collection name");
        assertThat(configError("host", "localhost").getMessage()).contains("unknown option");
    }

    private InvalidConfigurationException configError(String key, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "mongodb");
        entry.put(key, value);
        return catchThrowableOfType(InvalidConfigurationException.class,
                () -> SchedulerConfig.fromMap(Map.of("jobstores", Map.of("main", entry)), "apscheduler."));
    }
}
