package dev.backprop.web;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@link OncePerRequestFilter} that builds the name of its "already filtered" request attribute
 * once: the base class concatenates the filter's name and {@code .FILTERED} anew on every request,
 * a String per filter per request on the serving path. The name is the same as the base class's.
 */
public abstract class NamedOncePerRequestFilter extends OncePerRequestFilter {

  private volatile String alreadyFilteredAttributeName;

  @Override
  protected String getAlreadyFilteredAttributeName() {
    String name = alreadyFilteredAttributeName;
    if (name == null) {
      name = super.getAlreadyFilteredAttributeName();
      alreadyFilteredAttributeName = name;
    }
    return name;
  }
}
