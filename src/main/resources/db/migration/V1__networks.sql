-- Networks and their immutable trained versions. Portable SQL: runs on H2 (PostgreSQL mode) and
-- PostgreSQL alike.
CREATE TABLE networks (
    name            VARCHAR(63)              NOT NULL PRIMARY KEY,
    definition      TEXT                     NOT NULL,
    parameter_count BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE network_versions (
    network_name    VARCHAR(63)              NOT NULL REFERENCES networks (name) ON DELETE CASCADE,
    version         INTEGER                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    training_job_id VARCHAR(36),
    metrics         TEXT,
    labels          TEXT,
    model           BYTEA                    NOT NULL,
    PRIMARY KEY (network_name, version)
);
