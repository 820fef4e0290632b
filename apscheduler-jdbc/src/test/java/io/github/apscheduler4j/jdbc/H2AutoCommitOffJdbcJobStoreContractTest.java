package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.test.TestDatabase;
import javax.sql.DataSource;

/**
 * The JDBC store's contract on an in-memory H2 database: always runs, with the stores on a pool whose connections have auto-commit off (as a
 * pool set up for JPA hands them out): every write must still be committed.
 */
class H2AutoCommitOffJdbcJobStoreContractTest extends JdbcJobStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabase.h2();
    }

    @Override
    protected DataSource storeDataSource() {
        return TestDatabase.withAutoCommitOff(dataSource());
    }

    @Override
    protected boolean skipsLockedRows() {
        return false;
    }
}
