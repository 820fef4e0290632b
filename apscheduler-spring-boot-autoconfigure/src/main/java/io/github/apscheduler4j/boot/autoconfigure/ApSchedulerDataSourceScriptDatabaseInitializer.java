package io.github.apscheduler4j.boot.autoconfigure;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Creates the tables of the JDBC stores on the application's {@code DataSource} from the script the store ships,
 * with Spring's script utilities, when {@code apscheduler.jdbc.initialize-schema} says so: Spring Boot's
 * {@code QuartzDataSourceScriptDatabaseInitializer}, for this scheduler. The script creates only what is missing.
 */
public class ApSchedulerDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

    public ApSchedulerDataSourceScriptDatabaseInitializer(DataSource dataSource, ApSchedulerJdbcProperties properties) {
        super(dataSource, settings(dataSource, properties));
    }

    static DatabaseInitializationSettings settings(DataSource dataSource, ApSchedulerJdbcProperties properties) {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setSchemaLocations(schemaLocations(dataSource, properties));
        settings.setMode(properties.getInitializeSchema());
        return settings;
    }

    private static List<String> schemaLocations(DataSource dataSource, ApSchedulerJdbcProperties properties) {
        if (properties.getPlatform() != null && !properties.getPlatform().isBlank()) {
            return new PlatformPlaceholderDatabaseDriverResolver().resolveAll(properties.getPlatform(),
                    properties.getSchema());
        }
        // the store's scripts are named as its dialects: MySQL shares MariaDB's
        return new PlatformPlaceholderDatabaseDriverResolver().withDriverPlatform(DatabaseDriver.MYSQL, "mariadb")
                .resolveAll(dataSource, properties.getSchema());
    }
}
