package io.domopreflight.sim;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Faults")
class FaultsTest extends SimulatorTestSupport {

  @Override
  SimulatorConfig configure(SimulatorConfig defaults) {
    return defaults
        .withClient(client("dated-429", new JsonObject().put("datasets", "rate_limited_date:30")))
        .withClient(client("five-mb", new JsonObject().put("datasets", "huge:5")))
        .withClient(client("bom-lie", new JsonObject().put("datasets", new JsonArray()
            .add("bom").add("content_type_lie"))));
  }

  @Test
  @DisplayName("rate_limited answers 429 with Retry-After in seconds and a JSON envelope")
  void rateLimits() throws Exception {
    HttpResponse<Buffer> response = get("rate-limited", "/v1/datasets");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.getHeader("Retry-After")).isEqualTo("120");
    assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(429);
  }

  @Test
  @DisplayName("rate_limited_once answers 429 to the first call and 200 to the retry")
  void rateLimitsOnce() throws Exception {
    String token = tokenFor("rate-limited-briefly");

    assertThat(getWithToken("/v1/datasets", token).statusCode()).isEqualTo(429);
    assertThat(getWithToken("/v1/datasets", token).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("rate_limited_date gives Retry-After as an HTTP date")
  void rateLimitsWithDate() throws Exception {
    String retryAfter = get("dated-429", "/v1/datasets").getHeader("Retry-After");

    assertThat(ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME)).isAfter(ZonedDateTime.now());
  }

  @Test
  @DisplayName("error_502_html answers nginx's HTML Bad Gateway page")
  void answersHtml502() throws Exception {
    HttpResponse<Buffer> response = get("domo-unavailable", "/v1/datasets");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.getHeader("Content-Type")).startsWith("text/html");
    assertThat(response.bodyAsString()).contains("502 Bad Gateway");
  }

  @Test
  @DisplayName("reset drops the connection in the middle of the response")
  void resetsConnection() throws Exception {
    String token = tokenFor("connection-reset");

    Future<HttpResponse<Buffer>> call = web.get(sim.port(), "127.0.0.1", "/v1/pages")
        .putHeader("Authorization", "bearer " + token).send();
    assertThatThrownBy(() -> call.await(10, TimeUnit.SECONDS)).isNotInstanceOf(TimeoutException.class);
  }

  @Test
  @DisplayName("truncated_json answers 200 with JSON cut in half")
  void truncatesJson() throws Exception {
    HttpResponse<Buffer> response = get("truncated-json", "/v1/datasets");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> Json.decodeValue(response.body())).isInstanceOf(DecodeException.class);
  }

  @Test
  @DisplayName("wrong_shape wraps the list in an object")
  void wrapsList() throws Exception {
    JsonObject body = get("wrong-shape", "/v1/datasets").bodyAsJsonObject();

    assertThat(body.getJsonArray("datasets")).hasSize(50);
  }

  @Test
  @DisplayName("hang never answers, so only the client's own timeout ends the call")
  void hangs() throws Exception {
    String token = tokenFor("hanging-domo");

    Future<HttpResponse<Buffer>> call = web.get(sim.port(), "127.0.0.1", "/v1/datasets")
        .putHeader("Authorization", "bearer " + token).timeout(300).send();
    assertThatThrownBy(() -> call.await(10, TimeUnit.SECONDS)).hasMessageContaining("timeout");
  }

  @Test
  @DisplayName("a hanging request does not keep the simulator from closing")
  void closesWhileHanging() throws Exception {
    String token = tokenFor("hanging-domo");
    Future<HttpResponse<Buffer>> call = web.get(sim.port(), "127.0.0.1", "/v1/datasets")
        .putHeader("Authorization", "bearer " + token).send();
    Thread.sleep(200); // let the request reach the simulator before closing it

    sim.close().await(5, TimeUnit.SECONDS);
    sim = DomoSimulator.start(vertx, SimulatorConfig.defaults()).await(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> call.await(5, TimeUnit.SECONDS)).isNotInstanceOf(TimeoutException.class);
  }

  @Test
  @DisplayName("huge streams a JSON body of the given size in megabytes")
  void streamsHugeBody() throws Exception {
    HttpResponse<Buffer> response = get("five-mb", "/v1/datasets");

    assertThat(response.body().length()).isGreaterThanOrEqualTo(5 * 1024 * 1024 - 70_000);
    assertThat(response.bodyAsJsonArray()).isNotEmpty();
  }

  @Test
  @DisplayName("bom and content_type_lie prefix the JSON with a BOM and label it text/html")
  void prefixesBomAndLies() throws Exception {
    HttpResponse<Buffer> response = get("bom-lie", "/v1/datasets");

    assertThat(response.getHeader("Content-Type")).startsWith("text/html");
    assertThat(response.body().getBytes(0, 3)).containsExactly(0xEF, 0xBB, 0xBF);
  }

  @Test
  @DisplayName("expired_token_once refuses the first token as expired and accepts a renewed one")
  void expiresFirstToken() throws Exception {
    String first = tokenFor("expired-token");

    assertThat(getWithToken("/v1/datasets", first).getHeader("WWW-Authenticate")).contains("Jwt expired at");
    assertThat(getWithToken("/v1/datasets", first).statusCode()).isEqualTo(401);
    assertThat(getWithToken("/v1/datasets", tokenFor("expired-token")).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("client latency delays every request, the token request included")
  void delaysSlowClient() throws Exception {
    long started = System.currentTimeMillis();

    tokenFor("slow-domo");
    assertThat(System.currentTimeMillis() - started).isGreaterThanOrEqualTo(700);
  }

  private static JsonObject client(String id, JsonObject faults) {
    return new JsonObject().put("clientId", id).put("clientSecret", "secret-" + id).put("faults", faults);
  }
}
