package dev.backprop.training;

import java.net.URI;

/**
 * Why a job failed, as a problem detail.
 *
 * @param type a stable URI naming the kind of failure
 * @param title a short summary of that kind
 * @param status always {@value #STATUS}: whatever stopped it, the job was accepted and could not be
 *     trained
 * @param detail what happened to this job
 */
public record JobError(URI type, String title, int status, String detail) {

  /** The status of every job's problem detail (Unprocessable Content). */
  static final int STATUS = 422;

  JobError(URI type, String title, String detail) {
    this(type, title, STATUS, detail);
  }
}
