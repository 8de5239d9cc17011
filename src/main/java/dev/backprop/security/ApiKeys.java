package dev.backprop.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured keys, held only as SHA-256 digests. A presented key is digested and compared with
 * {@link MessageDigest#isEqual} against every configured digest, without stopping at a match: the
 * time taken depends neither on where a key differs nor on its length nor on which key matched.
 */
final class ApiKeys {

  /** What a key may do. */
  enum Role {
    /** Read and predict or infer. */
    PREDICT,
    /** Everything. */
    ADMIN;

    String authority() {
      return "ROLE_" + name();
    }
  }

  private record Entry(byte[] digest, Role role, String label) {}

  private final List<Entry> entries = new ArrayList<>();

  ApiKeys(List<String> adminKeys, List<String> predictKeys) {
    for (int i = 0; i < adminKeys.size(); i++) {
      entries.add(new Entry(sha256(adminKeys.get(i)), Role.ADMIN, "admin-key-" + (i + 1)));
    }
    for (int i = 0; i < predictKeys.size(); i++) {
      entries.add(new Entry(sha256(predictKeys.get(i)), Role.PREDICT, "predict-key-" + (i + 1)));
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** A matched key: its role and a label safe to log (never the key). */
  record Match(Role role, String label) {}

  /**
   * The role of a presented key, or empty for an unknown one. A key listed as both admin and
   * predict key is an admin key.
   */
  Optional<Match> match(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented);
    Match found = null;
    for (Entry entry : entries) {
      // No early exit: every entry is compared, whatever matched before.
      boolean equal = MessageDigest.isEqual(digest, entry.digest());
      if (equal && (found == null || entry.role() == Role.ADMIN)) {
        found = new Match(entry.role(), entry.label());
      }
    }
    return Optional.ofNullable(found);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
