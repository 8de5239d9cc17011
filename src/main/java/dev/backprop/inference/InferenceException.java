package dev.backprop.inference;

import org.springframework.http.HttpStatus;

/** A {@code /v2} request that cannot be answered; becomes {@code { "error": ... }}. */
class InferenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  InferenceException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  static InferenceException badRequest(String message) {
    return new InferenceException(HttpStatus.BAD_REQUEST, message);
  }

  HttpStatus status() {
    return status;
  }
}
