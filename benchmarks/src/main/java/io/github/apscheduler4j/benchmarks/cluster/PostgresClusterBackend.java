package io.github.apscheduler4j.benchmarks.cluster;

import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.jdbc.SchemaInitialization;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One PostgreSQL table, {@value #TABLE} (and its runs table), made and dropped by the benchmark. Each instance's store
 * has a pool of 4 connections of its own (as {@code JdbcJobStoreFactory} makes) and its LISTEN connection outside it;
 * the pools count the statements their connections prepare. The floor is the claim statement of a one-shot job
 * ({@code DELETE ... WHERE id = ? AND version = ?}) for every row, autocommit, in a bare JDBC loop.
 */
final class PostgresClusterBackend implements ClusterBackend {

    private static final String TABLE = "apscheduler_bench_cluster";

    private final String url;
    private final HikariDataSource admin;
    private final JdbcClient sql;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final LongAdder statements = new LongAdder();

    PostgresClusterBackend(String url) {
        this.url = url;
        this.admin = ClusterBench.pool(url, "bench-admin");
        this.sql = JdbcClient.create(admin);
    }

    @Override
    public String describe() {
        return "PostgreSQL " + sql.sql("SHOW server_version").query(String.class).single();
    }

    @Override
    public String roundTripUnit() {
        return "statements";
    }

    @Override
    public void fill(List<Job> jobs) {
        closePools();
        sql.sql("DROP TABLE IF EXISTS " + TABLE).update();
        sql.sql("DROP TABLE IF EXISTS " + TABLE + "_runs").update();
        JdbcJobStore filler = JdbcJobStore.builder(admin).tableName(TABLE).initializeSchema(SchemaInitialization.ALWAYS)
                .listenForChanges(false).build();
        filler.start(new JobStoreContext("bench", new ClassTargetResolver(), ZoneId.of("UTC"), Clock.systemUTC()));
        filler.addJobs(jobs);
        filler.shutdown();
        sql.sql("ANALYZE " + TABLE).update();
    }

    @Override
    public JobStore instanceStore(int instance) {
        HikariDataSource pool = ClusterBench.pool(url, "bench-" + instance);
        pools.add(pool);
        return JdbcJobStore.builder(counting(pool, statements)).tableName(TABLE)
                .listenerDataSource(new DriverManagerDataSource(url)).build();
    }

    @Override
    public void startCounting() {
        statements.reset();
    }

    @Override
    public long roundTrips() {
        return statements.sum();
    }

    @Override
    public long leftover() {
        return sql.sql("SELECT COUNT(*) FROM " + TABLE).query(Long.class).single()
                + sql.sql("SELECT COUNT(*) FROM " + TABLE + "_runs").query(Long.class).single();
    }

    /** Rows deleted per second by the claim statement of a one-shot job, one autocommit statement per row. */
    @Override
    public double floor(int jobs) {
        String table = TABLE + "_bare";
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (id VARCHAR(191) COLLATE \"C\" NOT NULL PRIMARY KEY,"
                    + " next_run_time BIGINT, version BIGINT NOT NULL, job_state TEXT NOT NULL)");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, 0, 1, ?)")) {
                for (int i = 0; i < jobs; i++) {
                    insert.setString(1, String.format(Locale.ROOT, "job-%06d", i));
                    insert.setString(2, "{}");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("ANALYZE " + table);
            long started = System.nanoTime();
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE id = ? AND version = ?")) {
                for (int i = 0; i < jobs; i++) {
                    delete.setString(1, String.format(Locale.ROOT, "job-%06d", i));
                    delete.setLong(2, 1);
                    delete.executeUpdate();
                }
            }
            double rate = jobs / ((System.nanoTime() - started) / 1e9);
            statement.execute("DROP TABLE " + table);
            return rate;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String floorDescription(int jobs) {
        return String.format(Locale.ROOT, "bare JDBC, %,d autocommit DELETEs by id and version on one connection", jobs);
    }

    @Override
    public void close() {
        closePools();
        sql.sql("DROP TABLE IF EXISTS " + TABLE).update();
        sql.sql("DROP TABLE IF EXISTS " + TABLE + "_runs").update();
        admin.close();
    }

    private void closePools() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    /** {@code dataSource}, counting the statements its connections prepare or create. */
    private static DataSource counting(DataSource dataSource, LongAdder statements) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                InvocationHandler handler = (proxy, method, arguments) -> {
                    String name = method.getName();
                    if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
                        statements.increment();
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, handler);
            }
        };
    }
}
