package io.github.apscheduler4j.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MongoDB store's contract on mongo-java-server, in process on 127.0.0.1: always runs. */
class MongoJobStoreContractTest extends MongoJobStoreContract {

    private static MongoServer server;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServer() {
        server.shutdownNow();
    }

    @Override
    protected String connectionString() {
        return server.getConnectionString();
    }
}
