package dev.backprop.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Errors raised outside Spring MVC (a {@code sendError} by the servlet container or a filter, such
 * as a {@code TRACE} refused by Tomcat) reach {@code /error}; they too are answered as problem
 * details (or {@code { "error" }} under {@code /v2}) typed by {@link Problems}, in place of Spring
 * Boot's default JSON.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

  private final ObjectMapper json;

  ProblemErrorController(ObjectMapper json) {
    this.json = json;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value && HttpStatus.resolve(value) != null
            ? HttpStatus.valueOf(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (!status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    ErrorResponses.write(
        new ErrorPath(request, uri instanceof String path ? path : request.getRequestURI()),
        response,
        json,
        Problems.ofStatus(status),
        status.is5xxServerError()
            ? "The server failed to handle the request; the failure was logged."
            : "The request was refused: " + status.getReasonPhrase() + ".");
  }

  /** The failed request's path in place of {@code /error}. */
  private static final class ErrorPath extends jakarta.servlet.http.HttpServletRequestWrapper {
    private final String uri;

    ErrorPath(HttpServletRequest request, String uri) {
      super(request);
      this.uri = uri;
    }

    @Override
    public String getRequestURI() {
      return uri;
    }
  }
}
