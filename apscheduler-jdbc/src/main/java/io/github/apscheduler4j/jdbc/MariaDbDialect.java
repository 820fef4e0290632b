package io.github.apscheduler4j.jdbc;

/** MariaDB, and MySQL 8: the portable statements as they are; only the schema script is its own. */
final class MariaDbDialect extends JdbcDialect {

    MariaDbDialect() {
        super("MARIADB", "mariadb");
    }
}
