package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.jdbc.MissingJobTableException;
import io.github.apscheduler4j.jdbc.UnsupportedDatabaseException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains why a JDBC job store could not start: its table is missing (and how to have it created, the Boot way or
 * the store's), or the database is one the store has no SQL for.
 */
public final class JdbcJobStoreFailureAnalyzer implements FailureAnalyzer {

    /** Where the repeatable Flyway migration apscheduler-jdbc ships is, by Spring Boot's name for the database. */
    static final String FLYWAY_LOCATION = "classpath:io/github/apscheduler4j/jdbc/migration/{vendor}";
    /** The Liquibase changelog apscheduler-jdbc ships, which runs the same SQL. */
    static final String LIQUIBASE_CHANGELOG = "classpath:io/github/apscheduler4j/jdbc/migration/changelog.yaml";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingJobTableException missing) {
                return missingTable(missing);
            }
            if (cause instanceof UnsupportedDatabaseException unsupported) {
                return new FailureAnalysis(unsupported.getMessage(), "Use H2, PostgreSQL, MariaDB or MySQL for the"
                        + " JDBC job stores (a store's 'url', or the application's DataSource), or keep the jobs in"
                        + " another store type (memory, mongodb).", unsupported);
            }
        }
        return null;
    }

    private static FailureAnalysis missingTable(MissingJobTableException missing) {
        String alias = missing.alias();
        return new FailureAnalysis(missing.getMessage(), "Create the tables of job store '" + alias + "' before the"
                + " application starts, with classpath:" + missing.schemaLocation() + " or the migrations"
                + " apscheduler-jdbc ships for the default table names (add " + FLYWAY_LOCATION + " to"
                + " 'spring.flyway.locations', or include " + LIQUIBASE_CHANGELOG + " in the Liquibase changelog),"
                + " or let the application create them: set 'apscheduler.jdbc.initialize-schema' to always for a store on the application's"
                + " DataSource, or 'apscheduler.jobstores." + alias + ".initialize-schema' to always for a store with"
                + " a url or a table of its own.", missing);
    }
}
