package dev.backprop.web;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The {@code ?page=&size=} query of every list endpoint, bound by Spring from the query string.
 *
 * @param page the page number, from 0
 * @param size items per page, 1 to 500
 */
public record PageRequest(
    @Parameter(description = "The page number, from 0 (default 0).", example = "0") @Min(0)
        Integer page,
    @Parameter(description = "Items per page, 1 to 500 (default 20).", example = "20")
        @Min(1)
        @Max(MAX_SIZE)
        Integer size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 500;

  public PageRequest {
    page = page == null ? 0 : page;
    size = size == null ? DEFAULT_SIZE : size;
  }

  /** The first row of this page, for SQL's OFFSET. */
  public long offset() {
    return (long) page * size;
  }
}
