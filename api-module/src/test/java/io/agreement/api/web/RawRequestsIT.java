package io.agreement.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests no well-behaved HTTP client sends, written byte for byte on a socket: the container and
 * the filters in front of the controllers must answer them with a 4xx too, never a 500.
 */
class RawRequestsIT extends IntegrationTest {

  private String send(String method, String target, String contentType, String body)
      throws IOException {
    GeneratedOrganization org = data.organization(1, 1, 1, 0);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        method
            + " "
            + target.replace("{project}", String.valueOf(org.projectIds().get(0)))
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Token "
            + org.token()
            + "\r\nConnection: close\r\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
            + "Content-Length: "
            + bytes.length
            + "\r\n\r\n";
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  private String exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  private static byte[] get(String target, String headers) {
    return ("GET "
            + target
            + " HTTP/1.1\r\nHost: localhost\r\n"
            + headers
            + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  static Stream<Arguments> requestsTomcatRefuses() {
    return Stream.of(
        Arguments.of(
            "a header over the size limit",
            get("/api/dimensions/backfill/status/", "X-Big: " + "a".repeat(20_000) + "\r\n")),
        Arguments.of(
            "a 100 KB query string",
            get("/api/dimensions/backfill/status/?x=" + "a".repeat(100_000), "")),
        Arguments.of("%00 in the path", get("/api/projects/%00/agreement/", "")),
        Arguments.of("%2F in the path", get("/api/projects/1%2F2/agreement/", "")),
        Arguments.of(
            "a control character in the token",
            get("/api/dimensions/backfill/status/", "Authorization: Token ab\u0001cd\r\n")));
  }

  /** The SDK's deep-object parameters (selection[annotators][all]=true) may come unencoded. */
  @Test
  void raw_brackets_in_a_query_reach_the_api_and_are_answered_in_json() throws IOException {
    String response = exchange(get("/api/dimensions/backfill/jobs/?status[]=x", ""));
    assertThat(status(response)).as(response).isEqualTo(401);
    assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestsTomcatRefuses")
  void requests_refused_before_spring_get_a_json_problem_not_an_html_page(
      String what, byte[] request) throws IOException {
    String response = exchange(request);
    assertThat(status(response)).as(response).isEqualTo(400);
    assertThat(response)
        .containsIgnoringCase("Content-Type: application/problem+json")
        .doesNotContainIgnoringCase("<html")
        .contains("\"status\":400")
        .contains("\"detail\":\"The server refused the request before reading it");
  }

  @Test
  void the_error_page_is_json_even_for_a_browser() throws IOException {
    String response = exchange(get("/error", "Accept: text/html\r\n"));
    assertThat(response)
        .containsIgnoringCase("Content-Type: application/problem+json")
        .doesNotContainIgnoringCase("<html")
        .contains("\"detail\"");
  }

  private static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/dimensions/backfill/status/?project_id=%zz",
        "/api/dimensions/backfill/status/?project_id=%",
        "/api/dimensions/backfill/jobs/?status=%E0%A4%A",
        "/api/projects/{project}/agreement/tasks/?min=%G0"
      })
  void a_broken_percent_escape_in_the_query_is_400(String target) throws IOException {
    String response = send("GET", target, null, "");
    assertThat(status(response)).as(response).isEqualTo(400);
    assertThat(response).contains("parameters cannot be read");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "multipart/form-data",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded"
      })
  void a_body_that_is_not_json_is_a_4xx_whatever_its_content_type_says(String contentType)
      throws IOException {
    for (String[] call :
        new String[][] {
          {"POST", "/api/dimensions/backfill/"},
          {"PATCH", "/api/projects/{project}/dimensions/x/"},
          {"PATCH", "/api/projects/{project}/agreement/settings/"}
        }) {
      String response = send(call[0], call[1], contentType, "%");
      assertThat(status(response))
          .as(call[0] + " " + call[1] + "\n" + response)
          .isBetween(400, 499);
    }
  }
}
