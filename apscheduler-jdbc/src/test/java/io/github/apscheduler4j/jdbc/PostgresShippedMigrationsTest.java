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
        HikariDataSource server = (HikariDataSource) TestDatabase.postgres();
        JdbcClient sql = JdbcClient.create(server);
        sql.sql("DROP SCHEMA IF EXISTS " + name + " CASCADE").update();
        sql.sql("CREATE SCHEMA " + name).update();
        HikariDataSource pool = new HikariDataSource();
        String url = server.getJdbcUrl();
        pool.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name);
        pool.setMaximumPoolSize(2);
        return new FreshSchema(pool, () -> sql.sql("DROP SCHEMA " + name + " CASCADE").update());
    }
}
