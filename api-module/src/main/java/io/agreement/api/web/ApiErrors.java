package io.agreement.api.web;

import java.sql.SQLException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error as a ProblemDetail whose detail says what to change; never a stack trace. */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    return problem(e.status(), e.getMessage());
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> database(DataAccessException e) {
    if (e.getMostSpecificCause() instanceof SQLException sql
        && sql.getSQLState() != null
        && sql.getSQLState().startsWith("22")) {
      // Class 22, data exception: a value PostgreSQL cannot store (e.g. a NUL character in text).
      return problem(
          HttpStatus.BAD_REQUEST, "A value in the request cannot be stored: " + sql.getMessage());
    }
    if (e instanceof DataAccessResourceFailureException
        || e instanceof TransientDataAccessException) {
      // An outage answers every request alike: one line each, not a stack trace.
      log.warn("Database unavailable: {}", e.getMostSpecificCause().getMessage());
    } else {
      log.error("Database error", e);
    }
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable or failed; retry shortly");
  }

  /**
   * Tomcat parses the parameters when one is first read: a broken %-escape fails that (400), and so
   * does a body over its size limit (its error code says 413).
   */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> parameters(InvalidParameterException e) {
    HttpStatus status = HttpStatus.resolve(e.getErrorCode());
    if (status == null || !status.is4xxClientError()) {
      status = HttpStatus.BAD_REQUEST;
    }
    return problem(
        status,
        "The request's parameters cannot be read; check the query string's URL encoding (a '%'"
            + " must start an escape such as %20)");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("Unexpected error", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; see the API logs");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return ResponseEntity.badRequest()
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body could not be read; send a JSON object"));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                (sent == null
                        ? "The header 'Content-Type: application/json' is missing"
                        : "Content-Type '" + QueryParams.abbreviate(sent) + "' is not JSON")
                    + "; send the body as a JSON object with 'Content-Type: application/json'"));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
      HttpMediaTypeNotAcceptableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_ACCEPTABLE,
                "This endpoint answers JSON only; send 'Accept: application/json' or no Accept"
                    + " header (nothing was changed)"));
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
