package io.github.apscheduler4j.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the JDBC store tests run on: an in-memory H2 always, PostgreSQL and MariaDB when
 * {@value #POSTGRES_URL} / {@value #MARIADB_URL} name one. A test asking for a database whose variable is unset is
 * skipped with the reason printed; one whose variable is set but whose server does not answer fails.
 *
 * <p>Every session runs in a zone other than the JVM's (which the build sets to UTC): {@code America/Los_Angeles}
 * on H2 and PostgreSQL, {@code -08:00} on MariaDB, so that a store that lets the session zone into its times fails
 * a test. Pools are made once per JVM and shared; the driver must be on the test classpath. The Redis store's tests
 * take only the server's URL from here ({@value #REDIS_URL}), skipped the same way.
 */
public final class TestDatabase {

    public static final String POSTGRES_URL = "APSCHEDULER_TEST_POSTGRES_URL";
    public static final String MARIADB_URL = "APSCHEDULER_TEST_MARIADB_URL";
    public static final String REDIS_URL = "APSCHEDULER_TEST_REDIS_URL";

    private static final Map<String, Supplier<DataSource>> POOLS = new ConcurrentHashMap<>();
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private TestDatabase() {
    }

    /** A shared in-memory H2 database. */
    public static DataSource h2() {
        return pool("H2", "jdbc:h2:mem:apscheduler;DB_CLOSE_DELAY=-1", "SET TIME ZONE 'America/Los_Angeles'");
    }

    /** The PostgreSQL database named by {@value #POSTGRES_URL}, such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. */
    public static DataSource postgres() {
        return server("PostgreSQL", POSTGRES_URL, "SET TIME ZONE 'America/Los_Angeles'");
    }

    /** The MariaDB (or MySQL) database named by {@value #MARIADB_URL}, such as {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}. */
    public static DataSource mariadb() {
        return server("MariaDB", MARIADB_URL, "SET time_zone = '-08:00'");
    }

    /**
     * The URL that {@value #POSTGRES_URL} names, for a test whose database connections are made in a process of its
     * own (an application it starts); skipped, as {@link #postgres()} is, when the variable is unset.
     */
    public static String postgresUrl() {
        return requireUrl("PostgreSQL", POSTGRES_URL);
    }

    /**
     * The Redis server's URL ({@code redis://127.0.0.1:6379}) from {@value #REDIS_URL}; skipped, as {@link #postgres()}
     * is, when the variable is unset.
     */
    public static String redisUrl() {
        return requireUrl("Redis", REDIS_URL);
    }

    /**
     * A second pool on the same database as {@code pool} (one of this class's) whose connections come with auto-commit
     * off, as a pool set up for JPA hands them out: a store must commit its writes itself. Closed with the JVM.
     */
    public static DataSource withAutoCommitOff(DataSource pool) {
        HikariDataSource source = (HikariDataSource) pool;
        return POOLS.computeIfAbsent(source.getJdbcUrl() + "#auto-commit-off", key -> {
            HikariConfig config = new HikariConfig();
            source.copyStateTo(config);
            config.setPoolName(source.getPoolName() + "-auto-commit-off");
            config.setAutoCommit(false);
            HikariDataSource autoCommitOff = new HikariDataSource(config);
            return () -> autoCommitOff;
        }).get();
    }

    private static DataSource server(String name, String variable, String sessionZoneSql) {
        return pool(name, requireUrl(name, variable), sessionZoneSql);
    }

    /** The variable's URL; when it is unset, the test is skipped with the reason printed (once per variable). */
    private static String requireUrl(String name, String variable) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            String reason = name + " tests skipped: " + variable + " is not set (.ci/run sets it when a local server"
                    + " answers)";
            if (REPORTED.add(variable)) {
                System.err.println("[apscheduler-test] " + reason);
            }
            Assumptions.abort(reason);
        }
        return url;
    }

    private static DataSource pool(String name, String url, String sessionZoneSql) {
        return POOLS.computeIfAbsent(url, key -> connect(name, url, sessionZoneSql)).get();
    }

    /** The pool, or (remembered, so that each test fails fast) why there is none. */
    private static Supplier<DataSource> connect(String name, String url, String sessionZoneSql) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("apscheduler-test-" + name);
        config.setJdbcUrl(url);
        config.setConnectionInitSql(sessionZoneSql);
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(1);
        try {
            HikariDataSource pool = new HikariDataSource(config);
            return () -> pool;
        } catch (RuntimeException e) {
            IllegalStateException failure = new IllegalStateException(name + " at " + masked(url)
                    + " does not answer (unset the variable to skip its tests): " + e.getMessage(), e);
            return () -> {
                throw failure;
            };
        }
    }

    private static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("//([^/@:]*):[^/@]*@", "//$1:****@");
    }
}
