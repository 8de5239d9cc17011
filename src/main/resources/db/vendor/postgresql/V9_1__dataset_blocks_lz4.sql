-- PostgreSQL only (db/vendor/{vendor} in spring.flyway.locations): dataset blocks are compressed
-- with lz4 instead of PostgreSQL's default pglz. A job reads its whole data set at start, and pglz's
-- decompression was most of that read: on PostgreSQL 15, 122 blocks of a 10,000 x 784 data set
-- (31.5 MB) were read (COPY ... TO '/dev/null') in 76-106 ms with pglz and 22-26 ms with lz4, and
-- written in 842-958 ms against 232-581 ms; they took 21.9 MB with pglz and 28.4 MB with lz4.
-- Blocks stored before keep pglz until they are written again; both read the same. A server older
-- than 14, or built without lz4, keeps pglz: the migration then only says so.
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 140000 THEN
    EXECUTE 'ALTER TABLE dataset_blocks ALTER COLUMN data SET COMPRESSION lz4';
  END IF;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'lz4 is not available on this server: dataset blocks stay compressed with pglz';
END $$;
