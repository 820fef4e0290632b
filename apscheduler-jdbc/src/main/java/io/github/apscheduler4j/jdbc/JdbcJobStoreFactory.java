package io.github.apscheduler4j.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreFactory;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code type: sqlalchemy} (or {@code jdbc}): a {@link JdbcJobStore} on a HikariCP pool of its own, which connects
 * when the store starts and is closed when it shuts down (on PostgreSQL, the store's LISTEN connection is one more,
 * outside the pool). Options: {@code url} (a JDBC URL, required),
 * {@code username}, {@code password}, {@code tablename}, {@code tableschema} and {@code initialize_schema}
 * ({@code embedded}, the default, {@code always} or {@code never}).
 */
public final class JdbcJobStoreFactory implements JobStoreFactory {

    private static final String[] OPTIONS = {"url", "username", "password", "tablename", "tableschema",
        "initialize_schema"};

    @Override
    public Set<String> names() {
        return Set.of("sqlalchemy", "jdbc", JdbcJobStore.class.getName(),
                "apscheduler.jobstores.sqlalchemy:SQLAlchemyJobStore");
    }

    @Override
    public JobStore create(Map<String, Object> options) {
        ConfigOptions config = ConfigOptions.of(options).requireOnly(OPTIONS);
        String url = url(config);
        String tableName = identifier(config, "tablename", JdbcJobStore.DEFAULT_TABLE);
        String tableSchema = identifier(config, "tableschema", null);
        SchemaInitialization initialization = initialization(config);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("apscheduler-jobstore");
        pool.setJdbcUrl(url);
        pool.setUsername(config.string("username", null));
        pool.setPassword(config.string("password", null));
        pool.setMaximumPoolSize(4);
        pool.setInitializationFailTimeout(-1); // connect when the store starts, not when it is configured
        HikariDataSource dataSource = new HikariDataSource(pool);
        return JdbcJobStore.builder(dataSource)
                .tableName(tableName)
                .tableSchema(tableSchema)
                .initializeSchema(initialization)
                // on PostgreSQL, LISTEN on a connection of its own rather than hold one of the pool's four
                .listenerDataSource(new DriverManagerDataSource(url, pool.getUsername(), pool.getPassword()))
                .ownedDataSource(dataSource)
                .build();
    }

    private static String url(ConfigOptions config) {
        String url = config.string("url", "");
        if (url.isEmpty()) {
            throw new InvalidConfigurationException("url", url, "is required: the JDBC URL of the database, such as"
                    + " jdbc:postgresql://localhost/app");
        }
        if (!url.startsWith("jdbc:")) {
            throw new InvalidConfigurationException("url", url, "must be a JDBC URL such as"
                    + " jdbc:postgresql://localhost/app or jdbc:h2:file:./jobs (SQLAlchemy URLs are not understood)");
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new InvalidConfigurationException("url", url, "no JDBC driver on the class path accepts it; add the"
                    + " database's driver (org.postgresql:postgresql, org.mariadb.jdbc:mariadb-java-client or"
                    + " com.h2database:h2)");
        }
        return url;
    }

    private static String identifier(ConfigOptions config, String key, String defaultValue) {
        String value = config.string(key, defaultValue);
        if (value != null && !JobTable.isIdentifier(value)) {
            throw new InvalidConfigurationException(key, value, JobTable.IDENTIFIER_RULE);
        }
        return value;
    }

    private static SchemaInitialization initialization(ConfigOptions config) {
        String value = config.string("initialize_schema", "embedded");
        try {
            return SchemaInitialization.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("initialize_schema", value, e.getMessage());
        }
    }
}
