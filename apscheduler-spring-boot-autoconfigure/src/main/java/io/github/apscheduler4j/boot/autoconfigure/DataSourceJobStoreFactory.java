package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.JdbcJobStoreFactory;
import io.github.apscheduler4j.jdbc.JdbcStoreOptions;
import io.github.apscheduler4j.store.JobStore;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code type: sqlalchemy} (or {@code jdbc}) without {@code url}: a {@link JdbcJobStore} on the application's
 * {@code DataSource}, which the store never closes. Options, as {@link JdbcStoreOptions} reads them:
 * {@code tablename}, {@code tableschema}, {@code initialize_schema} ({@code embedded}, the default, {@code always} or
 * {@code never}).
 */
final class DataSourceJobStoreFactory implements ApplicationJobStoreFactory {

    private static final Set<String> NAMES = new JdbcJobStoreFactory().names();

    private final ObjectProvider<DataSource> dataSource;

    DataSourceJobStoreFactory(ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public JobStore create(Map<String, Object> entry) {
        ConfigOptions options = StoreEntries.onApplicationConnection(entry, NAMES, "url");
        if (options == null) {
            return null;
        }
        JdbcStoreOptions read = JdbcStoreOptions.from(options);
        if (read.username() != null || read.password() != null) {
            throw new InvalidConfigurationException(read.username() != null ? "username" : "password", "******",
                    "is only used with url; without url the store uses the application's DataSource as it is");
        }
        DataSource available = dataSource.getIfAvailable();
        if (available == null) {
            throw new InvalidConfigurationException("url", null, "is required: the application has no DataSource bean;"
                    + " give the store a JDBC URL, or add spring-boot-starter-jdbc and spring.datasource.*");
        }
        return read.applyTo(JdbcJobStore.builder(available)).build();
    }
}
