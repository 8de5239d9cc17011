package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key comparison's behaviour (not its timing): exact matches only, admin wins. */
class ApiKeysTest {

  final ApiKeys keys =
      new ApiKeys(List.of("admin-secret", "both"), List.of("predict-secret", "both"));

  @Test
  void matchesExactKeysWithTheirRole() {
    assertThat(keys.match("admin-secret"))
        .get()
        .extracting(ApiKeys.Match::role)
        .isEqualTo(ApiKeys.Role.ADMIN);
    assertThat(keys.match("predict-secret"))
        .get()
        .extracting(ApiKeys.Match::role)
        .isEqualTo(ApiKeys.Role.PREDICT);
    assertThat(keys.match("admin-secret").orElseThrow().label()).isEqualTo("admin-key-1");
  }

  @Test
  void refusesAnythingButAnExactMatch() {
    for (String wrong :
        new String[] {
          "",
          "admin",
          "admin-secre",
          "admin-secret ",
          " admin-secret",
          "admin-secretx",
          "ADMIN-SECRET",
          "predict-secre",
          "predict-secret\u0000",
          "x".repeat(10_000)
        }) {
      assertThat(keys.match(wrong)).as("'%s'", wrong).isEmpty();
    }
    assertThat(keys.match(null)).isEmpty();
  }

  @Test
  void aKeyListedTwiceIsAnAdminKey() {
    assertThat(keys.match("both"))
        .get()
        .extracting(ApiKeys.Match::role)
        .isEqualTo(ApiKeys.Role.ADMIN);
  }

  @Test
  void noKeysMatchNothing() {
    ApiKeys none = new ApiKeys(List.of(), List.of());
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.match("anything")).isEmpty();
  }

  @Test
  void keysAreHeldAsFixedLengthDigests() {
    assertThat(ApiKeys.sha256("a")).hasSize(32);
    assertThat(ApiKeys.sha256("a".repeat(1000))).hasSize(32);
    assertThat(Arrays.equals(ApiKeys.sha256("a"), ApiKeys.sha256("a"))).isTrue();
  }

  @Test
  void blankConfiguredKeysAreIgnoredAndNeverPrinted() {
    var properties =
        new ApiSecurityProperties(List.of(" ", ""), Arrays.asList(" k1 ", null), true, null);
    assertThat(properties.adminKeys()).isEmpty();
    assertThat(properties.predictKeys()).containsExactly("k1");
    assertThat(properties.keysConfigured()).isTrue();
    assertThat(properties.toString()).doesNotContain("k1");
    assertThat(new ApiSecurityProperties(List.of(""), List.of(), true, null).keysConfigured())
        .isFalse();
  }
}
