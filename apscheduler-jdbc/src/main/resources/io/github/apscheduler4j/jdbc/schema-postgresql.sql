-- JdbcJobStore's table on PostgreSQL. One row per job: the next run time (epoch milliseconds, UTC; null while
-- paused) is indexed for the due-job and next-wakeup queries; version grows with every write (compare-and-set);
-- quarantined holds why a row could not be read back (null when it can); claimed_by and claimed_at are reserved
-- for sharing a store between instances; job_state is the job as JSON. Ids sort by code point (COLLATE "C"), as
-- in the memory store.
-- The store runs this script when initialize_schema says so, with its own table name in place of apscheduler_jobs.
-- The build ships it as the repeatable Flyway migration migration/postgresql/R__apscheduler_jobs.sql too, and
-- migration/changelog.yaml runs it for Liquibase: both for the default names. Every statement creates only what is
-- missing, so that the tools may run it again whenever it changes.
CREATE TABLE IF NOT EXISTS apscheduler_jobs (
    id            VARCHAR(191) COLLATE "C" NOT NULL PRIMARY KEY,
    next_run_time BIGINT,
    version       BIGINT       NOT NULL,
    quarantined   VARCHAR(1000),
    claimed_by    VARCHAR(191),
    claimed_at    BIGINT,
    job_state     TEXT         NOT NULL
);
CREATE INDEX IF NOT EXISTS apscheduler_jobs_next_run_time_idx ON apscheduler_jobs (next_run_time);

-- The runs table beside it (its name is the jobs table's with _runs): one row per fire claimed and not yet ended,
-- written in the claim's own transaction, so that a fire ends visibly even when the instance running it dies.
-- fire_time is the fire's epoch milliseconds (UTC) and fire_nanos the nanoseconds within that millisecond, so that
-- the fire id stays exact across attempts; instance_id is the holder (null while the run waits for any instance);
-- lease_end (epoch milliseconds, indexed) is when the holder's lease runs out or the wait is over; version grows
-- with every write (compare-and-set); job_state is the job as claimed, as JSON.
CREATE TABLE IF NOT EXISTS apscheduler_jobs_runs (
    job_id        VARCHAR(191) COLLATE "C" NOT NULL,
    fire_time     BIGINT        NOT NULL,
    fire_nanos    INT           NOT NULL,
    instance_id   VARCHAR(191),
    lease_end     BIGINT        NOT NULL,
    attempt       INT           NOT NULL,
    phase         VARCHAR(16)   NOT NULL,
    version       BIGINT        NOT NULL,
    job_state     TEXT          NOT NULL,
    PRIMARY KEY (job_id, fire_time)
);
CREATE INDEX IF NOT EXISTS apscheduler_jobs_runs_lease_end_idx ON apscheduler_jobs_runs (lease_end);
