package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.test.TestDatabase;
import javax.sql.DataSource;

/** Three scheduler JVMs on PostgreSQL: runs when APSCHEDULER_TEST_POSTGRES_URL names a database, else skipped. */
class PostgresClusterIntegrationTest extends JdbcProcessClusterTest {

    @Override
    protected DataSource dataSource() {
        return TestDatabase.postgres();
    }
}
