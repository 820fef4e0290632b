-- JdbcJobStore's table on MariaDB and MySQL. One row per job: the next run time (epoch milliseconds, UTC; null
-- while paused) is indexed for the due-job and next-wakeup queries; version grows with every write
-- (compare-and-set); quarantined holds why a row could not be read back (null when it can); claimed_by and
-- claimed_at are reserved for sharing a store between instances; job_state is the job as JSON. Ids are compared
-- byte by byte (utf8mb4_bin), so that 'a' and 'A' are two jobs, as in APScheduler; 191 characters fit an InnoDB key.
-- The store runs this script when initialize_schema says so, with its own table name in place of apscheduler_jobs.
-- The build ships it as the repeatable Flyway migration migration/mariadb/R__apscheduler_jobs.sql too, and
-- migration/changelog.yaml runs it for Liquibase: both for the default names. Every statement creates only what is
-- missing, so that the tools may run it again whenever it changes.
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

-- The runs table beside it (its name is the jobs table's with _runs): its columns as schema-postgresql.sql says.
CREATE TABLE IF NOT EXISTS apscheduler_jobs_runs (
    job_id        VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    fire_time BIGINT NOT NULL, fire_nanos INT NOT NULL, instance_id VARCHAR(191), lease_end BIGINT NOT NULL,
    attempt INT NOT NULL, phase VARCHAR(16) NOT NULL, version BIGINT NOT NULL, job_state LONGTEXT NOT NULL,
    PRIMARY KEY (job_id, fire_time),
    INDEX apscheduler_jobs_runs_lease_end_idx (lease_end)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
