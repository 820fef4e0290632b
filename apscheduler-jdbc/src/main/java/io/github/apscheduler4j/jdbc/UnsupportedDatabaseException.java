package io.github.apscheduler4j.jdbc;

/** The database behind a JDBC job store is none the store has SQL for (H2, PostgreSQL, MariaDB, MySQL). */
public class UnsupportedDatabaseException extends IllegalStateException {

    private final String product;

    public UnsupportedDatabaseException(String product) {
        super("JdbcJobStore runs on H2, PostgreSQL, MariaDB and MySQL, not on " + product);
        this.product = product;
    }

    /** The database's product name, as its driver reports it. */
    public String product() {
        return product;
    }
}
