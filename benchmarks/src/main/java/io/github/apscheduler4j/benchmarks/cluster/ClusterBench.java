package io.github.apscheduler4j.benchmarks.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** What the cluster benchmarks share: the server they run on, and the pool each instance gets. */
final class ClusterBench {

    private ClusterBench() {
    }

    /**
     * Quiets the scheduler's logging (per-job lines would be timed too) and returns the PostgreSQL URL from
     * {@code APSCHEDULER_BENCH_POSTGRES_URL} (or {@code APSCHEDULER_TEST_POSTGRES_URL}); exits with status 2, saying
     * so, when neither is set.
     */
    static String postgresUrl() {
        return url("POSTGRES", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    /**
     * As {@link #postgresUrl()}, for Redis: {@code APSCHEDULER_BENCH_REDIS_URL} (or {@code APSCHEDULER_TEST_REDIS_URL}).
     */
    static String redisUrl() {
        return url("REDIS", "redis://127.0.0.1:6379");
    }

    private static String url(String server, String example) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.github.apscheduler4j", "warn");
        String url = System.getenv().getOrDefault("APSCHEDULER_BENCH_" + server + "_URL",
                System.getenv("APSCHEDULER_TEST_" + server + "_URL"));
        if (url == null || url.isBlank()) {
            System.err.println("Set APSCHEDULER_BENCH_" + server + "_URL, e.g. " + example);
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
