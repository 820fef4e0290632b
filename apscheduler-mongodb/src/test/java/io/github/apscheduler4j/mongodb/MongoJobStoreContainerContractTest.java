package io.github.apscheduler4j.mongodb;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** The MongoDB store's contract on a real MongoDB in a container: skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class MongoJobStoreContainerContractTest extends MongoJobStoreContract {

    @Container
    private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @Override
    protected String connectionString() {
        return MONGO.getReplicaSetUrl();
    }
}
