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
import org.junit.jupiter.params.ParameterizedTest;
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
