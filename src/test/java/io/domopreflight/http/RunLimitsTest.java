package io.domopreflight.http;

import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Against the real engine, the API")
class RunLimitsTest {

  private static final String RUNS = "/api/v1/preflights";

  @Test
  @DisplayName("answers 429 with Retry-After beyond run.maxInFlight runs, and starts runs again once one ends")
  void limitsRunsInFlight() throws Exception {
    try (LiveService service = LiveService.start(SimulatorConfig.defaults(),
        new JsonObject().put("run.maxInFlight", 1))) {
      HttpResponse<Buffer> first = post(service, service.engine.scenario("hanging-domo"), null);
      HttpResponse<Buffer> second = post(service, service.engine.scenario("all-passing"), null);

      assertThat(first.statusCode()).isEqualTo(202);
      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.getHeader("Retry-After")).matches("\\d+");
      assertThat(second.getHeader("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);

      waitUntilDone(service, first.bodyAsJsonObject().getString("id"), null);
      assertThat(post(service, service.engine.scenario("all-passing"), null).statusCode()).isEqualTo(202);
    }
  }

  @Test
  @DisplayName("never lets two API keys share a run, while one key's identical requests do")
  void neverSharesARunBetweenKeys() throws Exception {
    JsonObject keys = new JsonObject().put("auth.apiKeys", new JsonArray().add("key-one-abcdef").add("key-two-abcdef"));
    try (LiveService service = LiveService.start(SimulatorConfig.defaults(), keys)) {
      JsonObject request = service.engine.scenario("hanging-domo");

      String one = post(service, request, "key-one-abcdef").bodyAsJsonObject().getString("id");
      String oneAgain = post(service, request, "key-one-abcdef").bodyAsJsonObject().getString("id");
      String two = post(service, request, "key-two-abcdef").bodyAsJsonObject().getString("id");

      assertThat(oneAgain).isEqualTo(one);
      assertThat(two).isNotEqualTo(one);
      HttpResponse<Buffer> peek = Await.result(service.web.get(RUNS + "/" + one)
          .bearerTokenAuthentication("key-two-abcdef").send());
      assertThat(peek.statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<Buffer> post(LiveService service, JsonObject request, String key) {
    var post = service.web.post(RUNS);
    return Await.result((key == null ? post : post.bearerTokenAuthentication(key)).sendJsonObject(request));
  }

  private static void waitUntilDone(LiveService service, String id, String key) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      var get = service.web.get(RUNS + "/" + id);
      JsonObject run = Await.result((key == null ? get : get.bearerTokenAuthentication(key)).send())
          .bodyAsJsonObject();
      if ("done".equals(run.getString("status"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " did not finish");
  }
}
