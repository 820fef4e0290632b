package io.github.apscheduler4j.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.ProcessClusterContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Three scheduler JVMs on one MongoDB collection, one killed half-way: mongo-java-server runs in this JVM on
 * 127.0.0.1 and the nodes connect to it over TCP. Always runs.
 */
class MongoClusterIntegrationTest extends ProcessClusterContract {

    private static final String JOBS = "cluster_jobs";
    private static final String RUNS = "cluster_runs";

    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(server.getConnectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    private static MongoDatabase database() {
        return client.getDatabase(MongoJobStore.DEFAULT_DATABASE);
    }

    /** The run and the job are written without one transaction: see MongoRunLedger's takeover of a claim in doubt. */
    @Override
    protected boolean reportsUncertainClaimsAbandoned() {
        return true;
    }

    @Override
    protected Class<?> nodeMainClass() {
        return MongoClusterNode.class;
    }

    @Override
    protected List<String> nodeArguments() {
        return List.of(server.getConnectionString(), JOBS, RUNS);
    }

    @Override
    protected JobStore newStore() {
        return MongoJobStore.builder(client).collection(JOBS).build();
    }

    @Override
    protected void resetBackend() {
        database().getCollection(JOBS).drop();
        database().getCollection(RUNS).drop();
        // the store's own ledger of claimed runs, beside its jobs
        database().getCollection(JOBS + "_runs").drop();
    }

    @Override
    protected List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (Document run : database().getCollection(RUNS).find()) {
            Integer attempt = run.getInteger("attempt");
            runs.add(new Run(run.getString("job_id"), Instant.ofEpochMilli(run.getLong("fire_time")),
                    run.getString("instance_id"), run.getString("outcome"), attempt == null ? 1 : attempt));
        }
        return runs;
    }

    @Override
    protected List<ClaimedJob> claims() {
        List<ClaimedJob> claims = new ArrayList<>();
        for (Document job : database().getCollection(JOBS).find()) {
            Long next = job.getLong("next_run_time");
            claims.add(new ClaimedJob(job.getString("_id"), next == null ? Instant.EPOCH : Instant.ofEpochMilli(next),
                    job.getString("claimed_by")));
        }
        return claims;
    }
}
