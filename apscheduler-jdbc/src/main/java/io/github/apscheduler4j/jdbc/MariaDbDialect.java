package io.github.apscheduler4j.jdbc;

/** MariaDB, and MySQL 8: the portable statements as they are; only the schema script is its own. */
final class MariaDbDialect extends JdbcDialect {

    MariaDbDialect() {
        super("MARIADB", "mariadb");
    }

    /**
     * InnoDB locks every row it reads: when most of a small table is due, the optimizer would scan it all and sort,
     * locking every due row for one instance; walking the index locks only the rows returned.
     */
    @Override
    String lockedDueRowsSource(String table, String indexPrefix) {
        return table + " FORCE INDEX (" + indexPrefix + "_next_run_time_idx)";
    }
}
