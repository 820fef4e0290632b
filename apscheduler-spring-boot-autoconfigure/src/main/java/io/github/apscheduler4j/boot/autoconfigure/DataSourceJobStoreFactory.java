package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.JdbcJobStoreFactory;
import io.github.apscheduler4j.jdbc.SchemaInitialization;
import io.github.apscheduler4j.store.JobStore;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code type: sqlalchemy} (or {@code jdbc}) without {@code url}: a {@link JdbcJobStore} on the application's
 * {@code DataSource}, which the store never closes. Options: {@code tablename}, {@code tableschema},
 * {@code initialize_schema} ({@code embedded}, the default, {@code always} or {@code never}).
 */
final class DataSourceJobStoreFactory implements ApplicationJobStoreFactory {

    private static final Set<String> NAMES = new JdbcJobStoreFactory().names();

    private final ObjectProvider<DataSource> dataSource;

    DataSourceJobStoreFactory(ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public JobStore create(Map<String, Object> entry) {
        ConfigOptions options = ConfigOptions.of(entry);
        if (!StoreEntries.names(options, NAMES) || options.has("url")) {
            return null;
        }
        options = ConfigOptions.of(options.without("type", "class"));
        options.requireOnly("tablename", "tableschema", "initialize_schema", "username", "password");
        if (options.has("username") || options.has("password")) {
            throw new InvalidConfigurationException(options.has("username") ? "username" : "password", "******",
                    "is only used with url; without url the store uses the application's DataSource as it is");
        }
        DataSource available = dataSource.getIfAvailable();
        if (available == null) {
            throw new InvalidConfigurationException("url", null, "is required: the application has no DataSource bean;"
                    + " give the store a JDBC URL, or add spring-boot-starter-jdbc and spring.datasource.*");
        }
        JdbcJobStore.Builder builder = JdbcJobStore.builder(available)
                .tableName(options.string("tablename", JdbcJobStore.DEFAULT_TABLE));
        if (options.has("tableschema")) {
            builder.tableSchema(options.string("tableschema", null));
        }
        if (options.has("initialize_schema")) {
            String value = options.string("initialize_schema", null);
            try {
                builder.initializeSchema(SchemaInitialization.of(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("initialize_schema", value, e.getMessage());
            }
        }
        try {
            return builder.build();
        } catch (InvalidConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("tablename", options.raw("tablename"), e.getMessage());
        }
    }
}
