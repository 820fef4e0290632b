package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.test.TestDatabase;
import javax.sql.DataSource;

/** Three scheduler JVMs on MariaDB: runs when APSCHEDULER_TEST_MARIADB_URL names a database, else skipped. */
class MariaDbClusterIntegrationTest extends JdbcProcessClusterTest {

    @Override
    protected DataSource dataSource() {
        return TestDatabase.mariadb();
    }
}
