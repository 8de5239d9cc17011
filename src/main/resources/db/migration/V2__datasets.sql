-- Data sets: column metadata plus two compact blobs, never a row per value.
-- features: float32 little-endian, row-major, row_count x column_count.
-- targets:  float32 little-endian, row-major, row_count x target_width; for a categorical target
--           (target_width 1) the index of the class in classes.
-- The same SQL runs on H2 (MODE=PostgreSQL) and PostgreSQL: BYTEA is PostgreSQL's binary type and
-- H2's alias of VARBINARY (both hold up to 1 GB, far above backprop.limits.max-dataset-size).
CREATE TABLE datasets (
    name          VARCHAR(63)              NOT NULL PRIMARY KEY,
    row_count     INTEGER                  NOT NULL CHECK (row_count > 0),
    column_count  INTEGER                  NOT NULL CHECK (column_count > 0),
    feature_names TEXT                     NOT NULL,
    target_name   VARCHAR(1000)            NOT NULL,
    target_kind   VARCHAR(16)              NOT NULL CHECK (target_kind IN ('categorical', 'numeric')),
    target_width  INTEGER                  NOT NULL CHECK (target_width > 0),
    classes       TEXT,
    features      BYTEA                    NOT NULL,
    targets       BYTEA                    NOT NULL,
    size_bytes    BIGINT                   NOT NULL CHECK (size_bytes >= 0),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
