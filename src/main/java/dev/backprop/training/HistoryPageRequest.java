package dev.backprop.training;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The {@code ?page=&size=} query of a job's whole history: larger pages than the lists' (an entry
 * is small and a long job has many), bound by Spring from the query string.
 *
 * @param page the page number, from 0
 * @param size entries (epochs) per page, 1 to 5000; 1000 when left out
 */
record HistoryPageRequest(@Min(0) Integer page, @Min(1) @Max(MAX_SIZE) Integer size) {

  static final int DEFAULT_SIZE = 1000;
  static final int MAX_SIZE = 5000;

  HistoryPageRequest {
    page = page == null ? 0 : page;
    size = size == null ? DEFAULT_SIZE : size;
  }

  /** The first epoch of this page (epochs count from 1, one entry each). */
  long firstEpoch() {
    return (long) page * size + 1;
  }
}
