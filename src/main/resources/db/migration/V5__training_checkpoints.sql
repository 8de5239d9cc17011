-- The last checkpoint of a running job (parameters, optimiser and early-stopping state, history;
-- see the engine's CheckpointCodec): a job taken over after its replica crashed resumes from it
-- rather than from epoch 0. One row per job, replaced at each checkpoint, deleted when the job
-- ends. resumed_from on the job is the epoch its current attempt resumed from (0: the start).
CREATE TABLE training_job_checkpoints (
    job_id   VARCHAR(36)              NOT NULL PRIMARY KEY REFERENCES training_jobs (id) ON DELETE CASCADE,
    epoch    INTEGER                  NOT NULL,
    state    BYTEA                    NOT NULL,
    saved_at TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE training_jobs ADD COLUMN resumed_from INTEGER DEFAULT 0 NOT NULL;
