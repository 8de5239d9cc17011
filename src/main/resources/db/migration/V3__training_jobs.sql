-- Training jobs: the persisted queue, each job's progress, and its per-epoch history.
CREATE TABLE training_jobs (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    network_name   VARCHAR(63)              NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    request        TEXT                     NOT NULL,
    seed           BIGINT                   NOT NULL,
    epoch          INTEGER                  NOT NULL,
    epochs         INTEGER                  NOT NULL,
    metrics        TEXT,
    result_version INTEGER,
    error_type     VARCHAR(255),
    error_title    VARCHAR(255),
    error_detail   TEXT,
    attempts       INTEGER                  NOT NULL,
    owner          VARCHAR(128),
    lease_until    TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX training_jobs_status_created ON training_jobs (status, created_at);
CREATE INDEX training_jobs_network ON training_jobs (network_name, created_at);

CREATE TABLE training_job_epochs (
    job_id              VARCHAR(36)      NOT NULL REFERENCES training_jobs (id) ON DELETE CASCADE,
    epoch               INTEGER          NOT NULL,
    loss                DOUBLE PRECISION NOT NULL,
    validation_loss     DOUBLE PRECISION,
    accuracy            DOUBLE PRECISION,
    validation_accuracy DOUBLE PRECISION,
    PRIMARY KEY (job_id, epoch)
);
