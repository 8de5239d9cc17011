-- A data set is stored in many short transactions, one per block (see V8), rather than in one
-- that would hold all its blocks at once: H2 keeps a transaction's changes in memory until it
-- commits, and a 130 MB upload made it buffer hundreds of megabytes. storing is TRUE from the
-- insert of the data set's row until its last block is committed; until then no listing, read,
-- training job or search sees the data set (its name is taken, though). An upload that fails
-- deletes its row and with it its blocks; rows left TRUE by a process that died while storing are
-- deleted at the next start (see UnfinishedUploads). Rows stored before this migration are
-- complete.
ALTER TABLE datasets ADD COLUMN storing BOOLEAN DEFAULT FALSE NOT NULL;
