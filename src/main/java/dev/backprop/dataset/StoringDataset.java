package dev.backprop.dataset;

import dev.backprop.dataset.DatasetRepository.Part;
import java.time.Instant;
import java.util.List;

/**
 * One data set on its way into the database, in many short transactions rather than one: H2 holds a
 * transaction's changes in memory until it commits, so one transaction for a large data set would
 * buffer all its blocks once more. Its row comes first, marked as being stored (invisible to every
 * read), then each feature block in a transaction of its own, as an upload is parsed ({@link
 * #feature}) or from memory, then its target blocks, then its description, which ends the storing.
 * Whatever fails, {@link #abandon} deletes what was stored; a process that dies meanwhile leaves it
 * to {@link UnfinishedUploads}.
 */
final class StoringDataset {

  private final DatasetRepository repository;
  private final String name;
  private final Instant createdAt;
  private boolean started;
  private int featureBlocks;

  StoringDataset(DatasetRepository repository, String name, Instant createdAt) {
    this.repository = repository;
    this.name = name;
    this.createdAt = createdAt;
  }

  /**
   * Stores the next feature block (the data set's row first, at the first one).
   *
   * @throws org.springframework.dao.DuplicateKeyException if the name is taken
   */
  void feature(Block block) {
    start();
    repository.insertBlock(name, Part.FEATURES, featureBlocks++, block);
  }

  /**
   * Stores the rest (the feature blocks too, if the data set holds them) and ends the storing.
   *
   * @throws IllegalStateException if the feature blocks stored are not the data set's
   */
  void finish(ParsedDataset data) {
    start();
    if (data.features() instanceof CompactColumns held) {
      held.blocks().forEach(this::feature);
    }
    int expected = blocks(data.rows(), data.featureNames().size());
    if (featureBlocks != expected) {
      throw new IllegalStateException(featureBlocks + " feature blocks, not " + expected);
    }
    List<Block> targets = data.targets().blocks();
    for (int i = 0; i < targets.size(); i++) {
      repository.insertBlock(name, Part.TARGETS, i, targets.get(i));
    }
    repository.finishStoring(name, data);
  }

  /** Deletes what was stored, if anything; a failure to do so is added to {@code cause}. */
  void abandon(RuntimeException cause) {
    if (!started) {
      return; // nothing stored, and the name may be another upload's
    }
    try {
      repository.deleteStoring(name);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void start() {
    if (!started) {
      repository.startStoring(name, createdAt);
      started = true;
    }
  }

  private static int blocks(int rows, int width) {
    int blockRows = CompactColumns.blockRows(width);
    return (rows + blockRows - 1) / blockRows;
  }
}
