package io.github.apscheduler4j.mongodb;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/** A server that goes away: the store's operations throw (for the scheduler to retry), then work again, no job lost. */
class MongoJobStoreOutageTests {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    /** The server's data, kept while the server is down (a stopped server would otherwise drop it). */
    private final MemoryBackend data = new MemoryBackend() {
        @Override
        public void close() {
        }
    };
    private MongoServer server;
    private MongoClient client;

    private MongoServer startServer(int port) {
        MongoServer started = new MongoServer(data);
        started.bind("127.0.0.1", port);
        return started;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void throwsWhileTheServerIsDownAndWorksAgainWhenItIsBack() {
        server = startServer(0);
        int port = server.getLocalAddress().getPort();
        client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300");
        JobStore store = MongoJobStore.builder(client).build();
        store.start(new JobStoreContext("default", new ClassTargetResolver(), ZONE, Clock.systemUTC()));
        store.addJob(job("a", T0));
        store.addJob(job("b", T0.plusSeconds(60)));

        server.shutdownNow();

        assertThatThrownBy(() -> store.dueJobs(T0)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(store::nextRunTime).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> store.addJob(job("c", T0))).isInstanceOf(DataAccessException.class);

        server = startServer(port);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .untilAsserted(() -> assertThat(store.dueJobs(T0)).extracting(Job::id).containsExactly("a"));
        assertThat(store.nextRunTime()).isEqualTo(T0);
        assertThat(store.claimJob(store.dueJobs(T0).get(0), T0.plusSeconds(120).atZone(ZONE))).isTrue();
        store.addJob(job("c", T0));
        assertThat(store.allJobs()).extracting(Job::id).containsExactly("c", "b", "a");
    }
}
