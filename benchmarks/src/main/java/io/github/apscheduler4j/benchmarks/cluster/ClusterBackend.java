package io.github.apscheduler4j.benchmarks.cluster;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobStore;
import java.util.List;

/**
 * The server a {@link ClusterThroughputBenchmark} runs on: how to fill it, the store each instance gets, what a run
 * costs in round trips, and the floor of one round trip per execution without a scheduler.
 */
interface ClusterBackend extends AutoCloseable {

    /** The backend named on the command line: {@code postgresql} or {@code redis}. */
    static ClusterBackend named(String name) {
        return switch (name) {
            case "postgresql" -> new PostgresClusterBackend(ClusterBench.postgresUrl());
            case "redis" -> new RedisClusterBackend(ClusterBench.redisUrl());
            default -> throw new IllegalArgumentException("unknown backend '" + name + "': postgresql or redis");
        };
    }

    /** The server and its version, for the report's first line. */
    String describe();

    /** What a round trip is here: {@code statements} (prepared by the instances) or {@code commands} (the server's). */
    String roundTripUnit();

    /** Empties the store and its run ledger, then stores {@code jobs}. */
    void fill(List<Job> jobs);

    /** A new store object for one instance, on connections of its own. */
    JobStore instanceStore(int instance);

    /** Starts counting round trips, once the instances are ready. */
    void startCounting();

    /** The round trips since {@link #startCounting()}. */
    long roundTrips();

    /** The jobs and runs left in the store after a run: 0 when every job ran and every run ended. */
    long leftover();

    /** Executions per second of the one-shot claim, one round trip each, on one connection, without a scheduler. */
    double floor(int jobs);

    /** What {@link #floor} measures, for the report. */
    String floorDescription(int jobs);

    /** Drops what the benchmark made and closes the connections. */
    @Override
    void close();
}
