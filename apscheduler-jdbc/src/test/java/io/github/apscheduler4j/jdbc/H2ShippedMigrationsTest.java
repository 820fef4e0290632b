package io.github.apscheduler4j.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shipped migrations on H2, each schema an in-memory database of its own: always runs. */
class H2ShippedMigrationsTest extends ShippedMigrationsContract {

    @Override
    protected String vendor() {
        return "h2";
    }

    @Override
    protected FreshSchema createSchema(String name) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:" + name + "_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        pool.setMaximumPoolSize(2);
        // the pool closes before the database is shut down: with DB_CLOSE_DELAY=-1 it outlives its connections
        return new FreshSchema(pool, () -> JdbcClient.create(new DriverManagerDataSource(pool.getJdbcUrl())).sql("SHUTDOWN").update());
    }
}
