package io.github.apscheduler4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.test.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The JDBC store's contract on PostgreSQL: runs when APSCHEDULER_TEST_POSTGRES_URL names one, else skipped. */
class PostgresJdbcJobStoreContractTest extends JdbcJobStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabase.postgres();
    }

    @Nested
    class SessionZone {

        @Test
        void differsFromTheJvmsSoThatAZoneSlipFailsTheContract() {
            assertThat(JdbcClient.create(dataSource()).sql("SHOW TIME ZONE").query(String.class).single())
                    .isEqualTo("America/Los_Angeles");
        }
    }
}
