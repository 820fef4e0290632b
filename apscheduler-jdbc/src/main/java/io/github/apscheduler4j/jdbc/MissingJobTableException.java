package io.github.apscheduler4j.jdbc;

/** A job store's table is missing or lacks columns, and the store was not told to create it. */
public class MissingJobTableException extends IllegalStateException {

    private final String table;
    private final String alias;
    private final String schemaLocation;

    public MissingJobTableException(String table, String alias, String schemaLocation, Exception cause) {
        super("Table " + table + " of job store '" + alias + "' is missing or lacks columns: create it with "
                + schemaLocation + " or set initialize_schema to always (" + cause.getMessage() + ")", cause);
        this.table = table;
        this.alias = alias;
        this.schemaLocation = schemaLocation;
    }

    /** The table, as the store names it (with its schema, if set). */
    public String table() {
        return table;
    }

    /** The store's alias in the scheduler. */
    public String alias() {
        return alias;
    }

    /** The class-path location of the script that creates the store's tables on this database. */
    public String schemaLocation() {
        return schemaLocation;
    }
}
