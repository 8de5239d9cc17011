package dev.backprop.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.ObjectMapper;

/**
 * Tomcat's own error answers (a request refused before it reaches the application, such as one
 * whose path holds an encoded {@code /} or a NUL) as problem details typed by {@link Problems}
 * instead of HTML; under {@code /v2} as {@code { "error": "..." }}. Nothing of the request is
 * echoed. They carry the security headers of every other answer ({@link RefusalHeaders}).
 */
final class ProblemErrorReportValve extends ErrorReportValve {

  private final ObjectMapper json;

  ProblemErrorReportValve(ObjectMapper json) {
    this.json = json;
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus resolved = HttpStatus.resolve(status);
    String title = resolved == null ? "Error" : resolved.getReasonPhrase();
    String detail =
        status >= 500
            ? "The server failed to handle the request."
            : "The server refused the request: " + title + ".";
    boolean openInference = ErrorResponses.isOpenInference(request);
    try {
      String body =
          json.writeValueAsString(
              ErrorResponses.body(
                  openInference, status, Problems.typeOf(status), title, detail, null));
      RefusalHeaders.write(request, response);
      response.setContentType(ErrorResponses.contentType(openInference));
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response cannot be written; nothing more to do.
    }
  }
}
