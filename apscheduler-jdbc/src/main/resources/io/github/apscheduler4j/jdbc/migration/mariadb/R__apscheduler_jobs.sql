-- The JDBC store's tables on MariaDB and MySQL, as a repeatable Flyway migration (R__) that ../changelog.yaml runs too
-- for Liquibase (runOnChange). It is the statements of ../../schema-mariadb.sql, whose comments say what
-- each column holds, for the default names (apscheduler_jobs and apscheduler_jobs_runs, in the migration's default
-- schema); a test compares the tables both make. Every statement creates only what is missing, so that the tools
-- run it again whenever a later version changes it, and on tables the store made itself it changes nothing.

CREATE TABLE IF NOT EXISTS apscheduler_jobs (
    id            VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
    next_run_time BIGINT,
    version       BIGINT       NOT NULL,
    quarantined   VARCHAR(1000),
    claimed_by    VARCHAR(191),
    claimed_at    BIGINT,
    job_state     LONGTEXT     NOT NULL,
    INDEX apscheduler_jobs_next_run_time_idx (next_run_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS apscheduler_jobs_runs (
    job_id        VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    fire_time BIGINT NOT NULL, fire_nanos INT NOT NULL, instance_id VARCHAR(191), lease_end BIGINT NOT NULL,
    attempt INT NOT NULL, phase VARCHAR(16) NOT NULL, version BIGINT NOT NULL, job_state LONGTEXT NOT NULL,
    PRIMARY KEY (job_id, fire_time),
    INDEX apscheduler_jobs_runs_lease_end_idx (lease_end)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
