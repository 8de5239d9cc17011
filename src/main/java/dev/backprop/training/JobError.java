package dev.backprop.training;

import java.net.URI;

/**
 * Why a job failed, as a problem detail.
 *
 * @param type a stable URI naming the kind of failure
 * @param title a short summary of that kind
 * @param status the HTTP status the failure corresponds to
 * @param detail what happened to this job
 */
public record JobError(URI type, String title, int status, String detail) {}
