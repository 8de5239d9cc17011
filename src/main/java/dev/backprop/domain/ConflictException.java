package dev.backprop.domain;

import java.util.List;

/** The request contradicts the current state: a name already taken, a job already finished. */
public class ConflictException extends DomainException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String detail) {
    super(detail, List.of());
  }
}
