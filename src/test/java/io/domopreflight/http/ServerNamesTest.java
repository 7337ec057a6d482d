package io.domopreflight.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("With http.serverNames set, the service")
class ServerNamesTest {

  private static JsonObject names() {
    return new JsonObject().put("http.serverNames", new JsonArray().add("127.0.0.1").add("Localhost").add("::1"));
  }

  @Test
  @DisplayName("refuses a request addressed to another name (a rebinding page) with 421 and starts no run")
  void refusesOtherNames(Vertx vertx) {
    TestService service = TestService.start(vertx, names());

    HttpResponse<Buffer> start = Await.result(service.web.post("/api/v1/preflights?wait=true")
        .putHeader("Host", "attacker.example:" + service.port).sendJsonObject(TestService.request()));
    HttpResponse<Buffer> page = Await.result(service.web.get("/").putHeader("Host", "attacker.example").send());

    for (HttpResponse<Buffer> refused : java.util.List.of(start, page)) {
      assertThat(refused.statusCode()).isEqualTo(421);
      assertThat(refused.getHeader("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
      assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/misdirected-request");
      assertThat(refused.bodyAsJsonObject().getString("detail")).contains("http.serverNames");
    }
    assertThat(service.engine.runCount()).isZero();
  }

  @Test
  @DisplayName("answers its listed names, in any case and with any port, and health probes by any name")
  void answersListedNames(Vertx vertx) {
    TestService service = TestService.start(vertx, names());

    assertThat(status(service, "/api/v1/checks", "127.0.0.1:" + service.port)).isEqualTo(200);
    assertThat(status(service, "/api/v1/checks", "LOCALHOST")).isEqualTo(200);
    assertThat(status(service, "/api/v1/checks", "[::1]:8080")).isEqualTo(200);
    assertThat(status(service, "/health/live", "10.1.2.3:8080")).isEqualTo(200);
  }

  @Test
  @DisplayName("answers any name when the list is empty, as by default")
  void answersAnyNameByDefault(Vertx vertx) {
    TestService service = TestService.start(vertx, new JsonObject());

    assertThat(status(service, "/api/v1/checks", "preflight.example.com")).isEqualTo(200);
  }

  @Test
  @DisplayName("judges a request whose target is an absolute URL by that URL's host, not by its Host header")
  void judgesAbsoluteTargetsByTheirHost(Vertx vertx) {
    TestService service = TestService.start(vertx, names());

    String foreign = raw(vertx, service.port, "GET http://attacker.example/api/v1/checks HTTP/1.1\r\n"
        + "Host: localhost\r\nConnection: close\r\n\r\n");
    String listed = raw(vertx, service.port, "GET http://localhost:" + service.port + "/api/v1/checks HTTP/1.1\r\n"
        + "Host: localhost\r\nConnection: close\r\n\r\n");

    assertThat(foreign).startsWith("HTTP/1.1 421");
    assertThat(listed).startsWith("HTTP/1.1 200");
  }

  /** Sends raw bytes, which a well-behaved client would not, and reads until the server closes the connection. */
  private static String raw(Vertx vertx, int port, String request) {
    Promise<String> answer = Promise.promise();
    Buffer received = Buffer.buffer();
    vertx.createNetClient().connect(port, "127.0.0.1").onSuccess(socket -> {
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> answer.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
      socket.write(Buffer.buffer(request.getBytes(StandardCharsets.ISO_8859_1)));
    }).onFailure(answer::tryFail);
    return Await.result(answer.future());
  }

  private static int status(TestService service, String path, String host) {
    return Await.result(service.web.get(path).putHeader("Host", host).send()).statusCode();
  }
}
