package dev.backprop.dataset;

import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.web.BoundedBody;
import dev.backprop.web.LimitsProperties;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/** An upload's size limit, {@code backprop.limits.max-dataset-size}: the stream and the 413. */
final class UploadSize {

  static final String LIMIT = "backprop.limits.max-dataset-size";

  private UploadSize() {}

  /** An upload read no further than the limit. */
  static BoundedBody bounded(InputStream body, LimitsProperties limits) {
    DataSize limit = limits.maxDatasetSize();
    return new BoundedBody(body, limit.toBytes(), () -> tooLarge(limit));
  }

  /** The 413 for an upload over the limit. */
  static LimitExceededException tooLarge(DataSize limit) {
    return new LimitExceededException(
        Limit.SIZE,
        null,
        "The data set is larger than "
            + LIMIT
            + " ("
            + limit.toBytes()
            + " bytes); upload a smaller file or raise the limit.");
  }
}
