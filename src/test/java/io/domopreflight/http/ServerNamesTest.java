package io.domopreflight.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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

  private static int status(TestService service, String path, String host) {
    return Await.result(service.web.get(path).putHeader("Host", host).send()).statusCode();
  }
}
