package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.test.TestDatabase;
import javax.sql.DataSource;

/**
 * The JDBC store's contract on PostgreSQL: runs when APSCHEDULER_TEST_POSTGRES_URL names one, else skipped, with the stores on a pool whose connections have auto-commit off (as a
 * pool set up for JPA hands them out): every write must still be committed.
 */
class PostgresAutoCommitOffJdbcJobStoreContractTest extends JdbcJobStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabase.postgres();
    }

    @Override
    protected DataSource storeDataSource() {
        return TestDatabase.withAutoCommitOff(dataSource());
    }
}
