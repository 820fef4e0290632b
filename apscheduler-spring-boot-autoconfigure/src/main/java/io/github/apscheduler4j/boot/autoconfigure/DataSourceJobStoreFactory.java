package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.JdbcJobStoreBuilder;
import io.github.apscheduler4j.jdbc.JdbcJobStoreFactory;
import io.github.apscheduler4j.jdbc.JdbcStoreOptions;
import io.github.apscheduler4j.jdbc.SchemaInitialization;
import io.github.apscheduler4j.store.JobStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code type: sqlalchemy} (or {@code jdbc}) without {@code url}: a {@link JdbcJobStore} on the application's
 * {@code DataSource} (the one marked {@link ApSchedulerDataSource}, else the primary or only one), which the store
 * never closes. Options, as {@link JdbcStoreOptions} reads them: {@code tablename}, {@code tableschema},
 * {@code initialize_schema}. An entry that sets none of the last three leaves its tables to Spring Boot's
 * {@code apscheduler.jdbc.initialize-schema} when Boot's JDBC support is there ({@link #initializedByBoot}).
 */
final class DataSourceJobStoreFactory implements ApplicationJobStoreFactory {

    private static final Set<String> NAMES = new JdbcJobStoreFactory().names();

    private final ObjectProvider<DataSource> qualified;
    private final ObjectProvider<DataSource> dataSources;
    private final boolean bootInitializes;

    /**
     * @param qualified the {@link ApSchedulerDataSource} ones
     * @param bootInitializes whether Spring Boot's initializer creates the tables of the entries that leave them to it
     */
    DataSourceJobStoreFactory(ObjectProvider<DataSource> qualified, ObjectProvider<DataSource> dataSources,
            boolean bootInitializes) {
        this.qualified = qualified;
        this.dataSources = dataSources;
        this.bootInitializes = bootInitializes;
    }

    /** Whether an entry is a JDBC store on the application's DataSource that leaves its tables to Spring Boot. */
    static boolean initializedByBoot(Map<String, Object> entry) {
        ConfigOptions options = ConfigOptions.of(entry);
        return StoreEntries.onApplicationConnection(entry, NAMES, "url") != null && !options.has("initialize_schema")
                && !options.has("tablename") && !options.has("tableschema");
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
        JdbcJobStoreBuilder builder = read.applyTo(JdbcJobStore.builder(dataSource(qualified, dataSources)));
        if (bootInitializes && initializedByBoot(entry)) {
            // Spring Boot's initializer ran the script before the scheduler was made
            builder.initializeSchema(SchemaInitialization.NEVER);
        }
        return builder.build();
    }

    /**
     * The DataSource the scheduler's stores use.
     *
     * @throws InvalidConfigurationException naming {@code url} when there is none, or several and none chosen
     */
    static DataSource dataSource(ObjectProvider<DataSource> qualified, ObjectProvider<DataSource> dataSources) {
        DataSource chosen = qualified.getIfAvailable();
        if (chosen == null) {
            chosen = dataSources.getIfUnique();
        }
        if (chosen != null) {
            return chosen;
        }
        List<DataSource> all = dataSources.stream().toList();
        if (all.isEmpty()) {
            throw new InvalidConfigurationException("url", null, "is required: the application has no DataSource bean;"
                    + " give the store a JDBC URL, or add spring-boot-starter-jdbc and spring.datasource.*");
        }
        throw new InvalidConfigurationException("url", null, "is required: the application has " + all.size()
                + " DataSource beans and none is @Primary; mark the scheduler's with @ApSchedulerDataSource, or give"
                + " the store a JDBC URL");
    }
}
