package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * {@link HeaderCharacters} allows exactly what StrictHttpFirewall's regular expressions allow
 * (copied here from Spring Security 7.0), and the firewall the application uses refuses with it.
 */
class HeaderCharactersTest {

  static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
  static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

  @Test
  void everyCharacterAloneIsJudgedAsTheRegularExpressionsJudgeIt() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String text = "a" + (char) c + "b";
      assertThat(HeaderCharacters.NAMES.test(text))
          .as("name U+%04X", c)
          .isEqualTo(matches(NAME, text));
      assertThat(HeaderCharacters.VALUES.test(text))
          .as("value U+%04X", c)
          .isEqualTo(matches(VALUE, text));
    }
  }

  @Test
  void supplementaryCodePointsAndLoneSurrogatesToo() {
    Random random = new Random(18);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(6); n > 0; n--) {
        switch (random.nextInt(4)) {
          case 0 -> text.append((char) (0x20 + random.nextInt(0x5f)));
          case 1 ->
              text.appendCodePoint(0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0xffff));
          case 2 -> text.append((char) (Character.MIN_SURROGATE + random.nextInt(0x800)));
          default -> text.append((char) random.nextInt(0x100));
        }
      }
      String s = text.toString();
      assertThat(HeaderCharacters.NAMES.test(s))
          .as("name %s", s.codePoints().toArray())
          .isEqualTo(matches(NAME, s));
      assertThat(HeaderCharacters.VALUES.test(s))
          .as("value %s", s.codePoints().toArray())
          .isEqualTo(matches(VALUE, s));
    }
  }

  @Test
  void theApplicationsFirewallRefusesControlCharactersInHeaders() {
    HttpFirewall firewall = new SecurityConfiguration().httpFirewall();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v2/models/iris");
    request.addHeader("X-API-Key", "key\u0085");
    request.addHeader("Accept", "application/json\tx");
    request.addHeader("X-Name", "caf\u00e9");
    request.addHeader("X-Bad\u0007Name", "v");
    var firewalled = firewall.getFirewalledRequest(request);
    assertThatThrownBy(() -> firewalled.getHeader("X-API-Key"))
        .isInstanceOf(RequestRejectedException.class);
    assertThat(firewalled.getHeader("Accept")).isEqualTo("application/json\tx");
    assertThat(firewalled.getHeader("X-Name")).isEqualTo("caf\u00e9");
    assertThatThrownBy(() -> firewalled.getHeaderNames().asIterator().forEachRemaining(n -> {}))
        .isInstanceOf(RequestRejectedException.class);
  }

  private static boolean matches(Pattern pattern, String text) {
    return pattern.matcher(text).matches();
  }
}
