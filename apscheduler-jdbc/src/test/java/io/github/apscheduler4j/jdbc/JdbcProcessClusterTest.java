package io.github.apscheduler4j.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.test.ProcessClusterContract;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Three scheduler JVMs on one database table, one killed half-way; a leaf names the database. */
abstract class JdbcProcessClusterTest extends ProcessClusterContract {

    private static final String JOB_TABLE = "cluster_jobs";
    private static final String RUN_TABLE = "cluster_runs";

    /** The database (skipping the test when it is not configured). */
    protected abstract DataSource dataSource();

    private JdbcClient sql() {
        return JdbcClient.create(dataSource());
    }

    @Override
    protected Class<?> nodeMainClass() {
        return JdbcClusterNode.class;
    }

    @Override
    protected List<String> nodeArguments() {
        return List.of(((HikariDataSource) dataSource()).getJdbcUrl(), JOB_TABLE, RUN_TABLE);
    }

    @Override
    protected JobStore newStore() {
        return JdbcJobStore.builder(dataSource()).tableName(JOB_TABLE).initializeSchema(SchemaInitialization.ALWAYS)
                .listenerDataSource(JdbcJobStoreContract.unpooled(dataSource())).build();
    }

    @Override
    protected void resetBackend() {
        sql().sql("DROP TABLE IF EXISTS " + JOB_TABLE).update();
        sql().sql("DROP TABLE IF EXISTS " + JOB_TABLE + "_runs").update();
        sql().sql("DROP TABLE IF EXISTS " + RUN_TABLE).update();
        sql().sql("CREATE TABLE " + RUN_TABLE + " (job_id VARCHAR(191) NOT NULL, fire_time BIGINT,"
                + " instance_id VARCHAR(191) NOT NULL, outcome VARCHAR(20) NOT NULL, attempt INT NOT NULL)").update();
    }

    @Override
    protected List<Run> runs() {
        return sql().sql("SELECT job_id, fire_time, instance_id, outcome, attempt FROM " + RUN_TABLE)
                .query((rs, n) -> new Run(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .list();
    }

    @Override
    protected List<ClaimedJob> claims() {
        return sql().sql("SELECT id, next_run_time, claimed_by FROM " + JOB_TABLE)
                .query((rs, n) -> new ClaimedJob(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)))
                .list();
    }
}
