package io.github.apscheduler4j.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The tables of a connection's schema as its {@link DatabaseMetaData} describes them: per table, its columns in order
 * (type, size, nullability), its primary key and its indexes, as lines to compare. The migration tools' own tables
 * are left out, and so are the names a database makes up (those of the primary key and of unique indexes).
 */
final class SchemaShape {

    private static final Set<String> MIGRATION_TOOL_TABLES = Set.of("flyway_schema_history", "databasechangelog",
            "databasechangeloglock");

    private SchemaShape() {
    }

    /** Each table's description, by its name in lower case. */
    static Map<String, List<String>> of(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            String catalog = connection.getCatalog();
            String schema = connection.getSchema();
            Map<String, List<String>> tables = new TreeMap<>();
            for (String table : tables(metaData, catalog, schema)) {
                List<String> lines = new ArrayList<>();
                lines.addAll(columns(metaData, catalog, schema, table));
                lines.add(primaryKey(metaData, catalog, schema, table));
                lines.addAll(indexes(metaData, catalog, schema, table));
                tables.put(lower(table), lines);
            }
            return tables;
        }
    }

    private static List<String> tables(DatabaseMetaData metaData, String catalog, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        // H2 2 says BASE TABLE where the others say TABLE
        try (ResultSet rows = metaData.getTables(catalog, schema, "%", null)) {
            while (rows.next()) {
                String type = rows.getString("TABLE_TYPE");
                String name = rows.getString("TABLE_NAME");
                if (("TABLE".equals(type) || "BASE TABLE".equals(type))
                        && !MIGRATION_TOOL_TABLES.contains(lower(name))) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    private static List<String> columns(DatabaseMetaData metaData, String catalog, String schema, String table)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = metaData.getColumns(catalog, schema, table, "%")) {
            while (rows.next()) {
                columns.add(rows.getInt("ORDINAL_POSITION") + ". " + lower(rows.getString("COLUMN_NAME")) + " "
                        + rows.getString("TYPE_NAME") + "(" + rows.getInt("COLUMN_SIZE") + ")"
                        + ("NO".equals(rows.getString("IS_NULLABLE")) ? " not null" : " null"));
            }
        }
        return columns;
    }

    private static String primaryKey(DatabaseMetaData metaData, String catalog, String schema, String table)
            throws SQLException {
        Map<Short, String> columns = new TreeMap<>();
        try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, table)) {
            while (rows.next()) {
                columns.put(rows.getShort("KEY_SEQ"), lower(rows.getString("COLUMN_NAME")));
            }
        }
        return "primary key " + columns.values();
    }

    private static Set<String> indexes(DatabaseMetaData metaData, String catalog, String schema, String table)
            throws SQLException {
        Map<String, Map<Short, String>> columnsByIndex = new TreeMap<>();
        try (ResultSet rows = metaData.getIndexInfo(catalog, schema, table, false, false)) {
            while (rows.next()) {
                if (rows.getString("INDEX_NAME") == null) {
                    continue;
                }
                String index = rows.getBoolean("NON_UNIQUE") ? "index " + lower(rows.getString("INDEX_NAME"))
                        : "unique index";
                columnsByIndex.computeIfAbsent(index + "#" + lower(rows.getString("INDEX_NAME")),
                        key -> new TreeMap<>()).put(rows.getShort("ORDINAL_POSITION"),
                        lower(rows.getString("COLUMN_NAME")));
            }
        }
        Set<String> indexes = new TreeSet<>();
        columnsByIndex.forEach((key, columns) -> indexes.add(key.substring(0, key.indexOf('#')) + " "
                + columns.values()));
        return indexes;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
