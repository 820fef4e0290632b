package io.github.apscheduler4j.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test on a MongoDB server in this JVM (mongo-java-server, in memory), new for each test, and a client of it. */
abstract class InProcessMongo {

    protected MongoServer server;
    protected MongoClient client;

    @BeforeEach
    void startServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(server.getConnectionString());
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.shutdownNow();
    }
}
