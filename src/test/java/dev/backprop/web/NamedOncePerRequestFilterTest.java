package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class NamedOncePerRequestFilterTest {

  /** Counts its runs. */
  static final class Counting extends NamedOncePerRequestFilter {
    int runs;

    String name() {
      return getAlreadyFilteredAttributeName();
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
      runs++;
    }
  }

  @Test
  void theNameIsTheBaseClassesAndBuiltOnce() throws Exception {
    Counting filter = new Counting();
    filter.init(new MockFilterConfig("counting"));

    assertThat(filter.name()).isEqualTo("counting.FILTERED").isSameAs(filter.name());
  }

  @Test
  void aRequestIsStillFilteredOnce() throws Exception {
    Counting filter = new Counting();
    filter.init(new MockFilterConfig("counting"));
    MockHttpServletRequest request = new MockHttpServletRequest();
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, (req, res) -> {});
    request.setAttribute(filter.name(), Boolean.TRUE);
    filter.doFilter(request, response, (req, res) -> {});

    assertThat(filter.runs).isEqualTo(1);
  }
}
