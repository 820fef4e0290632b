package io.github.apscheduler4j.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apscheduler4j.test.ClusterNode;
import java.sql.Types;
import java.time.Duration;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A node of {@link JdbcProcessClusterTest}: a scheduler on the database's job table that logs its runs to another
 * table. Arguments: instance id, store poll interval (ISO-8601), JDBC URL, job table, run log table.
 */
public final class JdbcClusterNode {

    private JdbcClusterNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        String instanceId = args[0];
        Duration pollInterval = Duration.parse(args[1]);
        String url = args[2];
        String jobTable = args[3];
        String runTable = args[4];
        HikariConfig config = new HikariConfig();
        config.setPoolName(instanceId);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        JdbcJobStore store = JdbcJobStore.builder(pool).tableName(jobTable)
                .listenerDataSource(new DriverManagerDataSource(url)).build();
        JdbcClient sql = JdbcClient.create(pool);
        String insert = "INSERT INTO " + runTable + " (job_id, fire_time, instance_id, outcome, attempt) VALUES (?, ?, ?,"
                + " ?, ?)";
        ClusterNode.run(instanceId, store, (instance, jobId, fireTime, outcome, attempt) -> sql.sql(insert).params(jobId,
                new SqlParameterValue(Types.BIGINT, fireTime == null ? null : fireTime.toEpochMilli()), instance,
                outcome, attempt).update(), pollInterval);
    }
}
