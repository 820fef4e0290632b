package io.github.apscheduler4j.benchmarks.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** What the cluster benchmarks share: the database they run on, and the pool each instance gets. */
final class ClusterBench {

    private ClusterBench() {
    }

    /**
     * Quiets the scheduler's logging (per-job lines would be timed too) and returns the PostgreSQL URL from
     * {@code APSCHEDULER_BENCH_POSTGRES_URL} (or {@code APSCHEDULER_TEST_POSTGRES_URL}); exits with status 2, saying
     * so, when neither is set.
     */
    static String postgresUrl() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.github.apscheduler4j", "warn");
        String url = System.getenv().getOrDefault("APSCHEDULER_BENCH_POSTGRES_URL",
                System.getenv("APSCHEDULER_TEST_POSTGRES_URL"));
        if (url == null || url.isBlank()) {
            System.err.println("Set APSCHEDULER_BENCH_POSTGRES_URL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            System.exit(2);
        }
        return url;
    }

    /** A pool of 4 connections, as {@code JdbcJobStoreFactory} makes for a store. */
    static HikariDataSource pool(String url, String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
