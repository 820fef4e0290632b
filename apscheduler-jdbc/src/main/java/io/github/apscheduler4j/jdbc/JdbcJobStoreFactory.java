package io.github.apscheduler4j.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreFactory;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code type: sqlalchemy} (or {@code jdbc}): a {@link JdbcJobStore} on a HikariCP pool of its own, which connects
 * when the store starts and is closed when it shuts down (on PostgreSQL, the store's LISTEN connection is one more,
 * outside the pool). Options, as {@link JdbcStoreOptions} reads them: {@code url} (a JDBC URL, required),
 * {@code username}, {@code password}, {@code tablename}, {@code tableschema} and {@code initialize_schema}
 * ({@code embedded}, the default, {@code always} or {@code never}).
 */
public final class JdbcJobStoreFactory implements JobStoreFactory {

    @Override
    public Set<String> names() {
        return Set.of("sqlalchemy", "jdbc", JdbcJobStore.class.getName(),
                "apscheduler.jobstores.sqlalchemy:SQLAlchemyJobStore");
    }

    @Override
    public JobStore create(Map<String, Object> options) {
        JdbcStoreOptions read = JdbcStoreOptions.from(ConfigOptions.of(options));
        String url = read.requiredUrl();
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("apscheduler-jobstore");
        pool.setJdbcUrl(url);
        pool.setUsername(read.username());
        pool.setPassword(read.password());
        pool.setMaximumPoolSize(4);
        pool.setInitializationFailTimeout(-1); // connect when the store starts, not when it is configured
        HikariDataSource dataSource = new HikariDataSource(pool);
        return read.applyTo(JdbcJobStore.builder(dataSource))
                // on PostgreSQL, LISTEN on a connection of its own rather than hold one of the pool's four
                .listenerDataSource(new DriverManagerDataSource(url, read.username(), read.password()))
                .ownedDataSource(dataSource)
                .build();
    }
}
