-- Data sets in blocks: each data set's features and targets are held, in memory and here alike, as
-- blocks of rows (CompactColumns; about 65,536 values each), each block one row of dataset_blocks.
-- A block's data is, for each column: one byte naming its encoding (0 float32, 1 uint8, 2 int8,
-- 3 int16: the narrowest that holds that column's values in the block exactly), then the block's
-- values of that column, little-endian. Blocks are written and read one at a time, so neither H2
-- nor PostgreSQL ever handles a data set's values as one value.
--
-- storage_format 1: rows stored before this migration, whose values stay in features and targets
-- (float32, row-major; see V2) and are still read; 2: rows whose values are in dataset_blocks, and
-- whose features and targets are NULL. A data set's blocks go with it (ON DELETE CASCADE).
ALTER TABLE datasets ADD COLUMN storage_format SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE datasets ADD CONSTRAINT datasets_storage_format CHECK (storage_format IN (1, 2));
ALTER TABLE datasets ALTER COLUMN features DROP NOT NULL;
ALTER TABLE datasets ALTER COLUMN targets DROP NOT NULL;

CREATE TABLE dataset_blocks (
    dataset_name VARCHAR(63) NOT NULL REFERENCES datasets (name) ON DELETE CASCADE,
    part         VARCHAR(8)  NOT NULL CHECK (part IN ('features', 'targets')),
    block        INTEGER     NOT NULL CHECK (block >= 0),
    row_count    INTEGER     NOT NULL CHECK (row_count > 0),
    data         BYTEA       NOT NULL,
    PRIMARY KEY (dataset_name, part, block)
);
