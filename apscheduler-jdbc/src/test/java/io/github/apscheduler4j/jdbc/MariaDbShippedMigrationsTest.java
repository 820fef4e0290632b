package io.github.apscheduler4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.test.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The shipped migrations on MariaDB, each in a database of its own that the pool's URL names: runs when
 * APSCHEDULER_TEST_MARIADB_URL names one, else skipped.
 */
class MariaDbShippedMigrationsTest extends ShippedMigrationsContract {

    MariaDbShippedMigrationsTest() {
        // jdbc:mariadb://host:port/database?options, with this test's database in place of the variable's
        super("mariadb", name -> FreshSchema.onServer(TestDatabase.mariadb(), "DROP DATABASE IF EXISTS " + name,
                "CREATE DATABASE " + name, url -> url.replaceFirst("^(jdbc:mariadb://[^/]+/)[^?]*", "$1" + name)));
    }

    /** Spring Boot's {vendor} is mysql on MySQL, which the tests have no server for: MariaDB runs that folder. */
    @Test
    void mysqlsFolderHoldsTheSameMigration() throws Exception {
        DataSource migrated = schema("apsched_flyway_test");

        assertThat(flyway(migrated, "mysql", false).migrate().migrationsExecuted).isOne();

        assertSameTables(migrated, madeByTheStore(schema("apsched_script_test")));
    }
}
