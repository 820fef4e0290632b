package io.github.apscheduler4j.jdbc;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;

/** A database that goes away: the store's operations throw (for the scheduler to retry), then work again, no job lost. */
class JdbcJobStoreOutageTests {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path directory;

    private Server server;
    private HikariDataSource pool;

    private Server startServer(int port) throws SQLException {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", directory.toString())
                .start();
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void throwsWhileTheDatabaseIsDownAndWorksAgainWhenItIsBack() throws SQLException {
        server = startServer(0);
        int port = server.getPort();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:tcp://127.0.0.1:" + port + "/jobs");
        config.setConnectionTimeout(250);
        config.setValidationTimeout(250);
        config.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(config);
        JobStore store = JdbcJobStore.builder(pool).initializeSchema(SchemaInitialization.ALWAYS).build();
        store.start(new JobStoreContext("default", new ClassTargetResolver(), ZONE, Clock.systemUTC()));
        store.addJob(job("a", T0));
        store.addJob(job("b", T0.plusSeconds(60)));

        server.stop();

        assertThatThrownBy(() -> store.dueJobs(T0)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(store::nextRunTime).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> store.addJob(job("c", T0))).isInstanceOf(DataAccessException.class);

        server = startServer(port);

        // as the scheduler's retry interval does, let the pool see its connections idle: HikariCP then checks and
        // replaces the broken ones (it trusts a connection used within the last 500 ms)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(600)).ignoreExceptions()
                .untilAsserted(() -> assertThat(store.dueJobs(T0)).extracting(Job::id).containsExactly("a"));
        assertThat(store.nextRunTime()).isEqualTo(T0);
        assertThat(store.claimJob(store.dueJobs(T0).get(0), T0.plusSeconds(120).atZone(ZONE))).isTrue();
        store.addJob(job("c", T0));
        assertThat(store.allJobs()).extracting(Job::id).containsExactly("c", "b", "a");
    }
}
