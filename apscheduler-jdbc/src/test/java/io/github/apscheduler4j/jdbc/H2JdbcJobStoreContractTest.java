package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.test.TestDatabase;
import javax.sql.DataSource;

/** The JDBC store's contract on an in-memory H2 database: always runs. */
class H2JdbcJobStoreContractTest extends JdbcJobStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabase.h2();
    }

    @Override
    protected boolean skipsLockedRows() {
        return false;
    }
}
