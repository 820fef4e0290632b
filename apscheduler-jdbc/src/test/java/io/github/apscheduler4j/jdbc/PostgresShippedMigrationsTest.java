package io.github.apscheduler4j.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.test.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shipped migrations on PostgreSQL, each in a schema of its own that the pool's connections use (currentSchema):
 * runs when APSCHEDULER_TEST_POSTGRES_URL names one, else skipped.
 */
class PostgresShippedMigrationsTest extends ShippedMigrationsContract {

    @Override
    protected String vendor() {
        return "postgresql";
    }

    @Override
    protected FreshSchema createSchema(String name) {
        String url = ((HikariDataSource) TestDatabase.postgres()).getJdbcUrl();
        JdbcClient server = JdbcClient.create(TestDatabase.postgres());
        server.sql("DROP SCHEMA IF EXISTS " + name + " CASCADE").update();
        server.sql("CREATE SCHEMA " + name).update();
        return FreshSchema.at(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name,
                () -> server.sql("DROP SCHEMA " + name + " CASCADE").update());
    }
}
