package dev.backprop.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.backprop.web.Problems;
import java.net.URI;

/**
 * Why a job failed, as it is stored: the kind of failure (a problem type and its title) and what
 * happened to this job. A client reads it as a problem detail whose {@code status} is not stored
 * but derived from {@link Problems}, the table every error answer takes its status from.
 *
 * @param type a stable URI naming the kind of failure
 * @param title a short summary of that kind
 * @param detail what happened to this job
 */
@JsonPropertyOrder({"type", "title", "status", "detail"})
public record JobError(URI type, String title, String detail) {

  /** The status of the problem detail: the same for every failed job. */
  @JsonProperty("status")
  public int status() {
    return Problems.failedJobStatus();
  }
}
