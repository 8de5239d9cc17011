package dev.backprop.training;

import static dev.backprop.training.TrainingJobRepository.time;

import dev.backprop.engine.Checkpoint;
import dev.backprop.engine.CheckpointCodec;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last checkpoint of each running job, one row per job, replaced at each save. Any checkpoint
 * of a job is a valid place to resume it from, whichever replica wrote it: a run is a function of
 * the job's settings and seed alone.
 */
@Repository
class JobCheckpoints {

  private static final Logger log = LoggerFactory.getLogger(JobCheckpoints.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  JobCheckpoints(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Replaces the job's checkpoint, if the job still runs on {@code owner}; whether it did. */
  boolean save(UUID id, String owner, Checkpoint checkpoint, Instant now) {
    byte[] state = CheckpointCodec.encode(checkpoint);
    Boolean saved =
        transactions.execute(
            tx -> {
              int mine =
                  jdbc.sql(
                          "SELECT COUNT(*) FROM training_jobs"
                              + " WHERE id = ? AND owner = ? AND status = 'RUNNING'")
                      .params(id.toString(), owner)
                      .query(Integer.class)
                      .single();
              if (mine == 0) {
                return false;
              }
              delete(id);
              jdbc.sql(
                      "INSERT INTO training_job_checkpoints (job_id, epoch, state, saved_at)"
                          + " VALUES (?, ?, ?, ?)")
                  .params(id.toString(), checkpoint.epoch(), state, time(now))
                  .update();
              return true;
            });
    return Boolean.TRUE.equals(saved);
  }

  /** The job's last checkpoint; empty if it has none, or one this version cannot read. */
  Optional<Checkpoint> load(UUID id) {
    Optional<byte[]> state =
        jdbc.sql("SELECT state FROM training_job_checkpoints WHERE job_id = ?")
            .param(id.toString())
            .query(byte[].class)
            .optional();
    try {
      return state.map(CheckpointCodec::decode);
    } catch (IllegalArgumentException e) {
      log.warn(
          "Training job {}: its checkpoint cannot be read ({}); starting over", id, e.getMessage());
      return Optional.empty();
    }
  }

  /** Deletes the job's checkpoint once the job has ended (not while it may still be resumed). */
  void deleteIfEnded(UUID id) {
    jdbc.sql(
            "DELETE FROM training_job_checkpoints WHERE job_id = :id AND EXISTS (SELECT 1 FROM"
                + " training_jobs WHERE id = :id AND status IN ('SUCCEEDED', 'FAILED', 'CANCELLED'))")
        .param("id", id.toString())
        .update();
  }

  private void delete(UUID id) {
    jdbc.sql("DELETE FROM training_job_checkpoints WHERE job_id = ?").param(id.toString()).update();
  }
}
