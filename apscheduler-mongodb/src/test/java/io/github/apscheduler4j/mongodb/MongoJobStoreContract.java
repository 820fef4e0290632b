package io.github.apscheduler4j.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.RecordedClaim;
import io.github.apscheduler4j.test.SharedJobStoreContract;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared-store contract on a MongoDB server; a leaf supplies the server. */
abstract class MongoJobStoreContract extends SharedJobStoreContract {

    private MongoClient client;

    /** The server's connection string. */
    protected abstract String connectionString();

    private MongoClient client() {
        if (client == null) {
            client = MongoClients.create(connectionString());
        }
        return client;
    }

    private MongoCollection<Document> jobs() {
        return client().getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection(MongoJobStore.DEFAULT_COLLECTION);
    }

    /** The claimed runs left by earlier tests: {@code removeAllJobs} leaves them alone, as it should. */
    @BeforeEach
    void clearRuns() {
        client().getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection(MongoJobStore.DEFAULT_COLLECTION + "_runs")
                .deleteMany(new Document());
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected JobStore newStore() {
        return MongoJobStore.builder(client()).build();
    }

    /** A client of its own, closed with the store. */
    @Override
    protected JobStore newStoreWithItsOwnConnections() {
        return new MongoJobStoreFactory().create(Map.of("uri", connectionString()));
    }

    @Override
    protected void writeRecord(String id, Instant nextRunTime, String state) {
        jobs().insertOne(new Document("_id", id)
                .append("next_run_time", nextRunTime == null ? null : nextRunTime.toEpochMilli())
                .append("version", 1L)
                .append("job_state", state));
    }

    @Override
    protected StoredRecord readRecord(String id) {
        Document document = jobs().find(Filters.eq("_id", id)).first();
        if (document == null) {
            return null;
        }
        Long next = document.getLong("next_run_time");
        return new StoredRecord(next == null ? null : Instant.ofEpochMilli(next), document.getLong("version"),
                document.getString("job_state"));
    }

    @Override
    protected RecordedClaim readClaim(String id) {
        Document document = jobs().find(Filters.eq("_id", id)).first();
        if (document == null || document.getString("claimed_by") == null) {
            return null;
        }
        return new RecordedClaim(document.getString("claimed_by"), Instant.ofEpochMilli(document.getLong("claimed_at")));
    }
}
