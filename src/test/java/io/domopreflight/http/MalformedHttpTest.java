package io.domopreflight.http;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests that fail HTTP decoding, sent as raw bytes because no well-behaved client can send them. */
@DisplayName("A request HTTP decoding refuses")
class MalformedHttpTest {

  private static LiveService service;

  @BeforeAll
  static void start() throws Exception {
    service = LiveService.start();
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "long-uri, 414, uri-too-long",
      "huge-header, 431, headers-too-large",
      "negative-length, 400, malformed-http",
      "bad-chunk-size, 400, malformed-http",
      "chunk-size-overflow, 400, malformed-http"})
  @DisplayName("gets a problem+json answer with the matching status, and the connection is closed")
  void getsAProblem(String kind, int status, String type) throws Exception {
    String answer = exchange(switch (kind) {
      case "long-uri" -> "GET /api/v1/preflights/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
      case "huge-header" -> "GET /api/v1/checks HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n";
      case "bad-chunk-size" -> chunked("ZZ\r\nxx\r\n0\r\n\r\n");
      case "chunk-size-overflow" -> chunked("FFFFFFFFFFFFFFFF\r\nxx\r\n0\r\n\r\n");
      default -> "POST /api/v1/preflights HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n";
    });

    // HTTP/1.0 when the request line itself could not be read, so its version is unknown.
    assertThat(answer).startsWith("HTTP/1.");
    assertThat(answer.substring(9, 12)).isEqualTo(String.valueOf(status));
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
    assertThat(head).contains("content-type: application/problem+json").contains("connection: close");
    JsonObject problem = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).endsWith("/" + type);
    assertThat(problem.getString("detail")).isNotBlank().doesNotContain("bbbb").doesNotContain("aaaa");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"HTTP/9.9", "HTTP/2.0", "HTTP/1.2"})
  @DisplayName("with an HTTP version other than 1.0 and 1.1 gets a problem+json 400, not Vert.x's bare 501")
  void unknownVersionGetsAProblem(String version) throws Exception {
    String answer = exchange("GET /api/v1/checks " + version + "\r\nHost: x\r\n\r\n");

    assertThat(answer.substring(9, 12)).isEqualTo("400");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json").contains("connection: close");
    JsonObject problem = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(problem.getString("type")).endsWith("/unsupported-http-version");
    assertThat(problem.getString("detail")).contains("HTTP/1.1");
  }

  @Test
  @DisplayName("asking for a WebSocket is refused with a 4xx: the service offers none")
  void webSocketUpgradeIsRefused() throws Exception {
    String malformed = statusLine("GET /api/v1/checks HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n");
    String handshake = statusLine("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");

    assertThat(malformed).startsWith("HTTP/1.1 400");
    assertThat(handshake).startsWith("HTTP/1.1 404");
  }

  @Test
  @DisplayName("with two Host headers gets a problem+json 400, whichever comes first")
  void twoHostsGetAProblem() throws Exception {
    String answer = exchange("GET /api/v1/checks HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: attacker.example\r\n"
        + "Connection: close\r\n\r\n");

    assertThat(answer.substring(9, 12)).isEqualTo("400");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    assertThat(new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("detail"))
        .contains("more than one Host header");
  }

  @Test
  @DisplayName("with a Host header that is not a host gets a problem+json 400 from the router")
  void badHostGetsAProblem() throws Exception {
    String answer = exchange("GET /api/v1/checks HTTP/1.1\r\nHost: <script>\r\nConnection: close\r\n\r\n");

    assertThat(answer.substring(9, 12)).isEqualTo("400");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    assertThat(new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("type"))
        .endsWith("/malformed-http");
  }

  @Test
  @DisplayName("with an Expect header other than 100-continue gets a problem+json 417")
  void unknownExpectationGetsAProblem() throws Exception {
    String answer = exchange("POST /api/v1/preflights HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

    assertThat(answer.substring(9, 12)).isEqualTo("417");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    assertThat(new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("type"))
        .endsWith("/expectation-failed");
  }

  private static String chunked(String body) {
    return "POST /api/v1/preflights HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + body;
  }

  /** Writes the bytes and reads the answer's status line; the server may keep the connection open. */
  private static String statusLine(String request) throws Exception {
    String answer = read(request, true);
    return answer.contains("\r\n") ? answer.substring(0, answer.indexOf("\r\n")) : answer;
  }

  /** Writes the bytes and reads everything until the server closes the connection. */
  private static String exchange(String request) throws Exception {
    return read(request, false);
  }

  private static String read(String request, boolean firstLineOnly) throws Exception {
    NetClient client = service.engine.vertx.createNetClient();
    Promise<String> answer = Promise.promise();
    Buffer received = Buffer.buffer();
    client.connect(service.port, "127.0.0.1").onSuccess(socket -> {
      socket.handler(chunk -> {
        received.appendBuffer(chunk);
        if (firstLineOnly && received.toString(StandardCharsets.ISO_8859_1).contains("\r\n")) {
          answer.tryComplete(received.toString(StandardCharsets.ISO_8859_1));
        }
      });
      socket.closeHandler(v -> answer.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
      socket.write(Buffer.buffer(request.getBytes(StandardCharsets.ISO_8859_1)));
    }).onFailure(answer::tryFail);
    try {
      return answer.future().await(10, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }
}
