package io.github.apscheduler4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.test.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The JDBC store's contract on MariaDB: runs when APSCHEDULER_TEST_MARIADB_URL names one, else skipped. */
class MariaDbJdbcJobStoreContractTest extends JdbcJobStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabase.mariadb();
    }

    @Nested
    class SessionZone {

        @Test
        void differsFromTheJvmsSoThatAZoneSlipFailsTheContract() {
            assertThat(JdbcClient.create(dataSource()).sql("SELECT @@session.time_zone").query(String.class).single())
                    .isEqualTo("-08:00");
        }
    }
}
