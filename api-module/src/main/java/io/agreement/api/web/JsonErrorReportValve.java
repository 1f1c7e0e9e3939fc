package io.agreement.api.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers (a request it refuses before Spring sees it: a header over the size
 * limit, an encoded NUL or slash in the path, a raw bracket in the query) as a ProblemDetail
 * instead of its HTML page. Errors Spring answered already have a body and are left alone.
 */
final class JsonErrorReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.shared();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !ioAllowed(response)) {
      return;
    }
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(problem(status, response.getMessage())));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response cannot take a body; its status line stands.
    }
  }

  static Map<String, Object> problem(int status, String message) {
    HttpStatus known = HttpStatus.resolve(status);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", known == null ? "Error" : known.getReasonPhrase());
    problem.put("status", status);
    problem.put("detail", detail(status, message));
    return problem;
  }

  private static String detail(int status, String message) {
    String said =
        message == null || message.isBlank()
            ? ""
            : " ("
                + message
                    .replaceAll("\\p{Cntrl}", "?")
                    .substring(0, Math.min(200, message.length()))
                + ")";
    return switch (status) {
      case 400 ->
          "The server refused the request before reading it"
              + said
              + ": check the headers (their size and characters) and the URL (no %00 or %2F in"
              + " the path; [, ], {, }, | and spaces in the query escaped, as %5B, %5D, ...)";
      case 413 -> "The request is too large" + said;
      case 414 -> "The URL is too long; send shorter query parameters" + said;
      case 431 -> "The request headers are too large" + said;
      case 404 -> "No such endpoint; see /v3/api-docs for the API's paths";
      default -> "The request failed" + said;
    };
  }

  private static boolean ioAllowed(Response response) {
    AtomicBoolean allowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
    return allowed.get();
  }
}
