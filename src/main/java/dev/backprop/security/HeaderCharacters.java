package dev.backprop.security;

import java.util.function.Predicate;

/**
 * The characters {@link org.springframework.security.web.firewall.StrictHttpFirewall} allows in
 * header names and values (and parameter names), checked character by character instead of with its
 * regular expressions: the firewall checks every header the application reads, on every request,
 * and the regular expressions cost more CPU than the rest of a one-row prediction's firewall. The
 * rules are the firewall's own: every code point assigned in Unicode and not an ISO control
 * character ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}), and for values a tab as well. Printable
 * ASCII, nearly every header there is, is decided without looking anything up.
 */
final class HeaderCharacters implements Predicate<String> {

  /** Header names (and parameter names): assigned, no control characters. */
  static final HeaderCharacters NAMES = new HeaderCharacters(false);

  /** Header values: assigned, no control characters but the tab. */
  static final HeaderCharacters VALUES = new HeaderCharacters(true);

  private final boolean tab;

  private HeaderCharacters(boolean tab) {
    this.tab = tab;
  }

  @Override
  public boolean test(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        continue;
      }
      if (c == '\t' && tab) {
        continue;
      }
      if (c < 0x80) {
        return false; // the other ASCII controls
      }
      // Beyond ASCII: as the regular expression reads it, by code point.
      int codePoint = text.codePointAt(i);
      int type = Character.getType(codePoint);
      if (type == Character.UNASSIGNED || type == Character.CONTROL) {
        return false;
      }
      i += Character.charCount(codePoint) - 1;
    }
    return true;
  }
}
