package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.test.TestDatabase;

/**
 * The shipped migrations on PostgreSQL, each in a schema of its own that the pool's connections use (currentSchema):
 * runs when APSCHEDULER_TEST_POSTGRES_URL names one, else skipped.
 */
class PostgresShippedMigrationsTest extends ShippedMigrationsContract {

    PostgresShippedMigrationsTest() {
        super("postgresql", name -> FreshSchema.onServer(TestDatabase.postgres(),
                "DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name,
                url -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name));
    }
}
