package dev.backprop.domain;

import java.util.List;

/** Something the request names does not exist, e.g. {@code network 'iris'}. */
public class NotFoundException extends DomainException {

  private static final long serialVersionUID = 1L;

  /**
   * @param what the thing looked for, as a client names it: {@code network 'iris'}
   */
  public NotFoundException(String what) {
    this(what, " does not exist");
  }

  /** A thing that exists but lacks what was asked of it, e.g. a network with no version yet. */
  public NotFoundException(String what, String why) {
    super(what + why, List.of());
  }
}
