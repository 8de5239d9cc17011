-- Hyperparameter searches. A search's candidates are ordinary training jobs that point back to it
-- (search_id); a candidate that succeeds keeps its parameters beside the job instead of leaving a
-- version, until the search ends and makes the best of them its one version (then the parameters
-- go; the metrics stay, for the leaderboard).
ALTER TABLE training_jobs ADD COLUMN search_id VARCHAR(36);
CREATE INDEX training_jobs_search ON training_jobs (search_id);

CREATE TABLE training_job_results (
    job_id  VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES training_jobs (id) ON DELETE CASCADE,
    metrics TEXT        NOT NULL,
    labels  TEXT,
    model   BYTEA
);

CREATE TABLE searches (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    network_name   VARCHAR(63)              NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    request        TEXT                     NOT NULL,
    candidates     TEXT                     NOT NULL,
    deadline       TIMESTAMP WITH TIME ZONE,
    best_job       VARCHAR(36),
    result_version INTEGER,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX searches_network ON searches (network_name, created_at);
CREATE INDEX searches_status ON searches (status);
