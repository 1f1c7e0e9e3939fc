package io.agreement.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page (an error raised outside the controllers, by a filter or a sendError)
 * as a ProblemDetail, whatever the Accept header asks for: never Boot's HTML page.
 */
@Hidden
@RestController
class JsonErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value && HttpStatus.resolve(value) != null
            ? HttpStatus.resolve(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (!status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String detail =
        status.is5xxServerError()
            ? "Internal error; see the API logs"
            : JsonErrorReportValve.problem(status.value(), message(request))
                .get("detail")
                .toString();
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }

  private static String message(HttpServletRequest request) {
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    return message == null ? null : message.toString();
  }
}
