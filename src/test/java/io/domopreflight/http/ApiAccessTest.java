package io.domopreflight.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("With API keys configured, the API")
class ApiAccessTest {

  private static final String RUNS = "/api/v1/preflights";
  private static final String KEY_A = "key-a-0123456789";
  private static final String KEY_B = "key-b-9876543210";

  private static JsonObject keys() {
    return new JsonObject().put("auth.apiKeys", new JsonArray().add(KEY_A).add(KEY_B));
  }

  @Test
  @DisplayName("answers 401 with a Bearer challenge to a call without a key or with an unknown one")
  void refusesCallsWithoutAKey(Vertx vertx) {
    TestService service = TestService.start(vertx, keys());

    HttpResponse<Buffer> none = Await.result(service.web.get("/api/v1/checks").send());
    HttpResponse<Buffer> wrong = Await.result(service.web.post(RUNS).bearerTokenAuthentication("nope")
        .sendJsonObject(TestService.request()));

    for (HttpResponse<Buffer> response : new HttpResponse[]{none, wrong}) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
      assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
    }
    assertThat(service.engine.runCount()).isZero();
  }

  @Test
  @DisplayName("shows a run only to the key that started it; other keys get 404")
  void showsARunOnlyToItsCaller(Vertx vertx) {
    TestService service = TestService.start(vertx, keys());
    String id = start(service, KEY_A).getString("id");

    assertThat(get(service, RUNS + "/" + id, KEY_A).statusCode()).isEqualTo(200);
    assertThat(get(service, RUNS + "/" + id, KEY_B).statusCode()).isEqualTo(404);
    assertThat(get(service, RUNS + "/" + id, null).statusCode()).isEqualTo(401);
    assertThat(stream(service, RUNS + "/" + id + "/events", KEY_B)).isEqualTo(404);
    assertThat(stream(service, RUNS + "/" + id + "/events", KEY_A)).isEqualTo(200);
  }

  @Test
  @DisplayName("puts a stream token in the events link that opens that run's events, and no other run's")
  void streamTokenOpensOneRun(Vertx vertx) {
    TestService service = TestService.start(vertx, keys());
    JsonObject first = start(service, KEY_A);
    JsonObject second = start(service, KEY_A);
    String firstEvents = first.getJsonObject("links").getString("events");
    String secondEvents = second.getJsonObject("links").getString("events");
    String secondToken = secondEvents.substring(secondEvents.indexOf("streamToken="));

    assertThat(firstEvents).contains("?streamToken=").doesNotContain(KEY_A);
    assertThat(stream(service, firstEvents, null)).isEqualTo(200);
    assertThat(stream(service, RUNS + "/" + first.getString("id") + "/events?" + secondToken, null)).isEqualTo(404);
    assertThat(stream(service, RUNS + "/" + first.getString("id") + "/events?streamToken=forged", null))
        .isEqualTo(404);
    // The token opens the stream only: reading the run itself still needs the key.
    assertThat(get(service, RUNS + "/" + first.getString("id") + "?" + secondToken, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  @DisplayName("answers 429 with Retry-After once a key has spent auth.requestsPerMinute")
  void limitsRequestsPerKey(Vertx vertx) {
    TestService service = TestService.start(vertx, keys().put("auth.requestsPerMinute", 3));

    for (int i = 0; i < 3; i++) {
      assertThat(get(service, "/api/v1/checks", KEY_A).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> limited = get(service, "/api/v1/checks", KEY_A);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(limited.bodyAsJsonObject().getString("detail")).contains("auth.requestsPerMinute");
    // Each key has its own budget.
    assertThat(get(service, "/api/v1/checks", KEY_B).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("refuses event streams beyond sse.maxClients with 503 and Retry-After")
  void capsEventStreams(Vertx vertx) {
    TestService service = TestService.start(vertx, new JsonObject().put("sse.maxClients", 1));
    String id = Await.result(service.web.post(RUNS).sendJsonObject(TestService.request())).bodyAsJsonObject()
        .getString("id");
    SseReader first = Await.result(SseReader.open(service.http, service.port, RUNS + "/" + id + "/events",
        MultiMap.caseInsensitiveMultiMap()));

    HttpResponse<Buffer> second = Await.result(service.web.get(RUNS + "/" + id + "/events").send());
    Await.result(first.close());
    service.engine.passAll(id);

    assertThat(first.response().statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.getHeader("Retry-After")).isNotNull();
    assertThat(second.bodyAsJsonObject().getString("detail")).contains("sse.maxClients");
  }

  @Test
  @DisplayName("sends no CORS headers by default, and allows exactly the configured origins")
  void corsIsOffUnlessConfigured(Vertx vertx) {
    TestService closed = TestService.start(vertx);
    TestService open = TestService.start(vertx, new JsonObject().put("http.corsOrigins",
        new JsonArray().add("https://portal.example.com")));

    HttpResponse<Buffer> none = Await.result(preflight(closed, "https://portal.example.com").send());
    HttpResponse<Buffer> allowed = Await.result(preflight(open, "https://portal.example.com").send());
    HttpResponse<Buffer> other = Await.result(preflight(open, "https://evil.example.com").send());

    assertThat(none.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://portal.example.com");
    assertThat(allowed.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    assertThat(other.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(other.statusCode()).isEqualTo(403);
    // The service's own page sends its origin on a POST; it must keep working when other origins are allowed.
    HttpResponse<Buffer> samePage = Await.result(open.web.post(RUNS)
        .putHeader("Origin", "http://127.0.0.1:" + open.port).sendJsonObject(TestService.request()));
    assertThat(samePage.statusCode()).isEqualTo(202);
    assertThat(other.getHeader("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
  }

  private static HttpRequest<Buffer> preflight(TestService service, String origin) {
    return service.web.request(HttpMethod.OPTIONS, RUNS).putHeader("Origin", origin)
        .putHeader("Access-Control-Request-Method", "POST")
        .putHeader("Access-Control-Request-Headers", "authorization, content-type");
  }

  private static JsonObject start(TestService service, String key) {
    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS).bearerTokenAuthentication(key)
        .sendJsonObject(TestService.request()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> get(TestService service, String path, String key) {
    HttpRequest<Buffer> request = service.web.get(path);
    return Await.result((key == null ? request : request.bearerTokenAuthentication(key)).send());
  }

  /** The status of an event-stream request; the stream itself is closed at once. */
  private static int stream(TestService service, String path, String key) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (key != null) {
      headers.add("Authorization", "Bearer " + key);
    }
    SseReader reader = Await.result(SseReader.open(service.http, service.port, path, headers));
    int status = reader.response().statusCode();
    Await.result(reader.close());
    return status;
  }
}
