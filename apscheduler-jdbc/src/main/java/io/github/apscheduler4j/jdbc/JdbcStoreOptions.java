package io.github.apscheduler4j.jdbc;

import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The options of a JDBC job store's entry ({@code type: sqlalchemy} or {@code jdbc}), read in this one place for
 * every way such a store is made: {@link JdbcJobStoreFactory} on a URL, and Spring Boot's store on the application's
 * {@code DataSource}. Every error is an {@link InvalidConfigurationException} naming its option, to which the
 * scheduler's configuration puts the store's prefix ({@code apscheduler.jobstores.default.tablename}).
 *
 * @param url the JDBC URL, or {@code null} when the entry names none
 * @param username the user the store's own pool connects as, or {@code null}
 * @param password that user's password, or {@code null}
 * @param tableName {@code tablename}: {@value JdbcJobStore#DEFAULT_TABLE} unless set
 * @param tableSchema {@code tableschema}: {@code null} for the connection's schema
 * @param initialization {@code initialize_schema}: {@code embedded} unless set
 */
public record JdbcStoreOptions(String url, String username, String password, String tableName, String tableSchema,
        SchemaInitialization initialization) {

    private static final String[] KEYS = {"url", "username", "password", "tablename", "tableschema",
        "initialize_schema"};
    private static final String URL_EXAMPLE = "jdbc:postgresql://localhost/app";

    /**
     * Reads the entry's options ({@code type} and {@code class} left out), refusing any other key; {@code url} is
     * checked when given.
     */
    public static JdbcStoreOptions from(ConfigOptions options) {
        options.requireOnly(KEYS);
        String url = options.string("url", "");
        return new JdbcStoreOptions(url.isEmpty() ? null : checkedUrl(url), options.string("username", null),
                options.string("password", null), identifier(options, "tablename", JdbcJobStore.DEFAULT_TABLE),
                identifier(options, "tableschema", null), initialization(options));
    }

    /** The URL, for a store that needs one. @throws InvalidConfigurationException naming {@code url} when none */
    public String requiredUrl() {
        if (url == null) {
            throw new InvalidConfigurationException("url", "", "is required: the JDBC URL of the database, such as "
                    + URL_EXAMPLE);
        }
        return url;
    }

    /** Sets the table's options on {@code builder}: its name, its schema and when it is created. */
    public JdbcJobStoreBuilder applyTo(JdbcJobStoreBuilder builder) {
        return builder.tableName(tableName).tableSchema(tableSchema).initializeSchema(initialization);
    }

    private static String checkedUrl(String url) {
        if (!url.startsWith("jdbc:")) {
            throw new InvalidConfigurationException("url", url, "must be a JDBC URL such as " + URL_EXAMPLE
                    + " or jdbc:h2:file:./jobs (SQLAlchemy URLs are not understood)");
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

    private static String identifier(ConfigOptions options, String key, String defaultValue) {
        String value = options.string(key, defaultValue);
        if (value != null && !JobTable.isIdentifier(value)) {
            throw new InvalidConfigurationException(key, value, JobTable.IDENTIFIER_RULE);
        }
        return value;
    }

    private static SchemaInitialization initialization(ConfigOptions options) {
        String value = options.string("initialize_schema", "embedded");
        try {
            return SchemaInitialization.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("initialize_schema", value, e.getMessage());
        }
    }

    /** Leaves the password out, so that a logged entry does not show it. */
    @Override
    public String toString() {
        return "JdbcStoreOptions[url=" + url + ", username=" + username + ", password=" + (password == null ? null
                : "******") + ", tableName=" + tableName + ", tableSchema=" + tableSchema + ", initialization="
                + initialization + "]";
    }
}
