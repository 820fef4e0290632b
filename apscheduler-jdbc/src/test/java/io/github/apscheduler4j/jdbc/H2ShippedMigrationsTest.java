package io.github.apscheduler4j.jdbc;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shipped migrations on H2, each schema an in-memory database of its own: always runs. */
class H2ShippedMigrationsTest extends ShippedMigrationsContract {

    H2ShippedMigrationsTest() {
        super("h2", name -> {
            String url = "jdbc:h2:mem:" + name + "_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            // shut down once the pool is closed: with DB_CLOSE_DELAY=-1 the database outlives its connections
            return FreshSchema.at(url,
                    () -> JdbcClient.create(new DriverManagerDataSource(url)).sql("SHUTDOWN").update());
        });
    }
}
