package dev.backprop.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Errors raised outside Spring MVC (a {@code sendError} by the servlet container or a filter, such
 * as a {@code TRACE} refused by Tomcat) reach {@code /error}; they too are answered as problem
 * details (or {@code { "error" }} under {@code /v2}), in place of Spring Boot's default JSON.
 */
@RestController
class ProblemErrorController implements ErrorController {

  private static final Map<Integer, java.net.URI> TYPES =
      Map.of(
          400, ProblemTypes.MALFORMED_REQUEST,
          401, ProblemTypes.UNAUTHORIZED,
          403, ProblemTypes.FORBIDDEN,
          404, ProblemTypes.NOT_FOUND,
          405, ProblemTypes.METHOD_NOT_ALLOWED,
          406, ProblemTypes.NOT_ACCEPTABLE,
          413, ProblemTypes.PAYLOAD_TOO_LARGE,
          415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
          503, ProblemTypes.SERVICE_UNAVAILABLE);

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
        status,
        TYPES.getOrDefault(status.value(), ProblemTypes.INTERNAL_ERROR),
        status.getReasonPhrase(),
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
