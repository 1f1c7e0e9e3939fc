package io.agreement.api.docs;

import io.agreement.api.docs.ApiExamples.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends an example {@link Call} to an operation; a header given as "" is left out (a body without
 * Content-Type).
 */
final class ContractClient {

  /** Status, Content-Type and body of one answer. */
  record Answer(int status, String contentType, String body) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  ContractClient(String base) {
    this.base = base;
  }

  Answer get(String path) {
    return send("GET", path, new Call(Map.of(), null, null, null), Map.of());
  }

  Answer send(String method, String pathTemplate, Call call, Map<String, String> headers) {
    String path = pathTemplate;
    for (Map.Entry<String, Object> variable : call.path().entrySet()) {
      path =
          path.replace(
              "{" + variable.getKey() + "}",
              URLEncoder.encode(String.valueOf(variable.getValue()), StandardCharsets.UTF_8));
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(base + path + (call.query() == null ? "" : "?" + call.query())))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                call.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(call.body()));
    if (call.token() != null) {
      request.header("Authorization", "Token " + call.token());
    }
    call.headers().forEach(request::header);
    if (call.body() != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            request.header(name, value);
          }
        });
    return send(request.build());
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
