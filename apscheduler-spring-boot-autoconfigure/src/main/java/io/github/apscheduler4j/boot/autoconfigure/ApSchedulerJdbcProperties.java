package io.github.apscheduler4j.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * The schema of the JDBC stores on the application's {@code DataSource}, set up as Spring Boot sets up its own
 * ({@code spring.quartz.jdbc.*}, {@code spring.sql.init.*}).
 */
@ConfigurationProperties("apscheduler.jdbc")
public class ApSchedulerJdbcProperties {

    static final String DEFAULT_SCHEMA_LOCATION = "classpath:io/github/apscheduler4j/jdbc/schema-@@platform@@.sql";

    /**
     * When to create the tables of the stores on the application's DataSource: embedded (an in-memory database, as
     * Spring Boot counts them), always or never. A store entry that sets its own initialize_schema, tablename or
     * tableschema creates its tables itself.
     */
    private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

    /** Location of the script that creates the tables; @@platform@@ stands for the database (h2, postgresql, mariadb). */
    private String schema = DEFAULT_SCHEMA_LOCATION;

    /** Platform to use in the script's location instead of the one detected from the DataSource. */
    private String platform;

    public DatabaseInitializationMode getInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getPlatform() {
        return platform;
    }

    public void setPlatform(String platform) {
        this.platform = platform;
    }
}
