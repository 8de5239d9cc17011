package dev.backprop.web;

import java.util.List;

/**
 * One page of a list endpoint: {@code { "items": [...], "page": 0, "size": 20, "total": 57 }}.
 *
 * @param items the items of this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many items there are over all pages
 */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
  public PageResponse {
    items = List.copyOf(items);
    if (page < 0 || size < 1 || total < 0) {
      throw new IllegalArgumentException("page >= 0, size >= 1 and total >= 0 required");
    }
  }
}
