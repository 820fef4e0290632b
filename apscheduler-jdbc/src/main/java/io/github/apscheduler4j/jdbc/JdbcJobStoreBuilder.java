package io.github.apscheduler4j.jdbc;

import java.util.Objects;
import javax.sql.DataSource;

/** Builds a {@link JdbcJobStore} ({@link JdbcJobStore#builder}); each setter checks its value. */
public final class JdbcJobStoreBuilder {

    final DataSource dataSource;
    AutoCloseable ownedDataSource;
    String tableSchema;
    String tableName = JdbcJobStore.DEFAULT_TABLE;
    SchemaInitialization initialization = SchemaInitialization.EMBEDDED;
    JdbcDialect dialect;
    boolean listenForChanges = true;
    DataSource listenerDataSource;

    JdbcJobStoreBuilder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The table's name: {@value JdbcJobStore#DEFAULT_TABLE} unless set (APScheduler's {@code tablename}). */
    public JdbcJobStoreBuilder tableName(String value) {
        tableName = identifier("tableName", value);
        return this;
    }

    /** The schema holding the table, or {@code null} for the connection's (APScheduler's {@code tableschema}). */
    public JdbcJobStoreBuilder tableSchema(String value) {
        tableSchema = value == null ? null : identifier("tableSchema", value);
        return this;
    }

    /** When the store creates its table: {@link SchemaInitialization#EMBEDDED} unless set. */
    public JdbcJobStoreBuilder initializeSchema(SchemaInitialization value) {
        initialization = Objects.requireNonNull(value, "initializeSchema");
        return this;
    }

    /** The dialect, or {@code null} (the default) to choose it from the database's metadata. */
    public JdbcJobStoreBuilder dialect(JdbcDialect value) {
        dialect = value;
        return this;
    }

    /**
     * Whether, on PostgreSQL, the store LISTENs for changes other instances make (true unless set). When false,
     * they are seen at the scheduler's store poll interval only; the store still notifies others of its own.
     */
    public JdbcJobStoreBuilder listenForChanges(boolean value) {
        listenForChanges = value;
        return this;
    }

    /**
     * Where the PostgreSQL LISTEN connection comes from: the store's data source unless set. It is held as long as
     * the store runs; name a separate, unpooled data source to keep it out of the application's pool.
     */
    public JdbcJobStoreBuilder listenerDataSource(DataSource value) {
        listenerDataSource = value;
        return this;
    }

    /** A pool that the store made itself and closes on shutdown. */
    JdbcJobStoreBuilder ownedDataSource(AutoCloseable value) {
        ownedDataSource = value;
        return this;
    }

    public JdbcJobStore build() {
        return new JdbcJobStore(this);
    }

    private static String identifier(String what, String value) {
        if (!JobTable.isIdentifier(value)) {
            throw new IllegalArgumentException(what + " '" + value + "' " + JobTable.IDENTIFIER_RULE);
        }
        return value;
    }
}
