package io.github.apscheduler4j.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.github.apscheduler4j.test.ClusterNode;
import java.time.Duration;
import org.bson.Document;

/**
 * A node of {@link MongoClusterIntegrationTest}: a scheduler on a collection of the server that logs its runs to
 * another collection. Arguments: instance id, store poll interval (ISO-8601), connection string, job collection,
 * run log collection (both in database {@value MongoJobStore#DEFAULT_DATABASE}).
 */
public final class MongoClusterNode {

    private MongoClusterNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        String instanceId = args[0];
        Duration pollInterval = Duration.parse(args[1]);
        MongoClient client = MongoClients.create(args[2]);
        MongoJobStore store = MongoJobStore.builder(client).collection(args[3]).build();
        MongoCollection<Document> runs = client.getDatabase(MongoJobStore.DEFAULT_DATABASE).getCollection(args[4]);
        ClusterNode.run(instanceId, store, (instance, jobId, fireTime, outcome, attempt) -> runs.insertOne(
                new Document("job_id", jobId).append("fire_time", fireTime == null ? null : fireTime.toEpochMilli())
                        .append("instance_id", instance).append("outcome", outcome).append("attempt", attempt)),
                pollInterval);
    }
}
