package io.domopreflight.http;

import io.domopreflight.check.CheckSpec;
import io.domopreflight.http.SseReader.Frame;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A preflight over HTTP, against the engine and the Domo simulator")
class FullFlowTest {

  private static final int ALL_EVENTS = CheckSpec.values().length + 1;
  private static LiveService service;

  @BeforeAll
  static void start() throws Exception {
    service = LiveService.start();
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  @Test
  @DisplayName("streams every check of a healthy Domo to passed, then the report the run also answers with")
  void streamsAHealthyRun() {
    String id = post("", scenario("all-passing")).bodyAsJsonObject().getString("id");

    SseReader reader = follow(id, MultiMap.caseInsensitiveMultiMap());
    List<Frame> frames = Await.result(reader.ended());

    List<Frame> events = frames.stream().filter(f -> f.id() != null).toList();
    assertThat(events).extracting(Frame::id)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, ALL_EVENTS).boxed().toList());
    assertThat(events.subList(0, ALL_EVENTS - 1)).extracting(f -> f.json().getString("outcome")).containsOnly("passed");
    JsonObject done = events.get(ALL_EVENTS - 1).json();
    assertThat(done.getString("outcome")).isEqualTo("passed");
    JsonObject stored = Await.result(service.web.get("/api/v1/preflights/" + id).send()).bodyAsJsonObject();
    assertThat(stored.copy().put("links", null)).isEqualTo(done.copy().put("links", null));
  }

  @Test
  @DisplayName("answers wait=true with the final report of a wrong secret, authentication failed")
  void waitsForAFailedRun() {
    HttpResponse<Buffer> response = post("?wait=true", scenario("wrong-secret"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject report = response.bodyAsJsonObject();
    assertThat(report.getString("outcome")).isEqualTo("failed");
    assertThat(report.getJsonArray("checks").getJsonObject(0).getString("outcome")).isEqualTo("failed");
    assertThat(response.bodyAsString()).doesNotContain("not-the-secret");
  }

  @Test
  @DisplayName("turns the engine's refusal of a bad request into a 400 problem naming each field")
  void refusesABadRequest() {
    JsonObject request = scenario("all-passing").put("clientId", 7).put("checks", new JsonArray().add("nope"));

    HttpResponse<Buffer> response = post("", request);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast))
        .extracting(e -> e.getString("field")).contains("clientId", "checks[0]");
    assertThat(response.bodyAsString()).doesNotContain("secret-all-passing");
  }

  @Test
  @DisplayName("resumes a dropped stream after its last event without a duplicate or a gap")
  void resumesADroppedStream() {
    String id = post("", scenario("slow-domo")).bodyAsJsonObject().getString("id");
    SseReader first = follow(id, MultiMap.caseInsensitiveMultiMap());
    List<Frame> before = Await.result(first.untilEvents(1)).stream().filter(f -> f.id() != null).toList();
    Await.result(first.close());

    long last = before.get(before.size() - 1).id();
    SseReader second = follow(id, MultiMap.caseInsensitiveMultiMap().add("Last-Event-ID", String.valueOf(last)));
    Await.result(second.ended());

    List<Long> ids = new ArrayList<>(before.stream().map(Frame::id).toList());
    ids.addAll(second.events().stream().map(Frame::id).toList());
    assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, ALL_EVENTS).boxed().toList());
  }

  private static JsonObject scenario(String id) {
    return service.engine.scenario(id);
  }

  private static HttpResponse<Buffer> post(String query, JsonObject request) {
    return Await.result(service.web.post("/api/v1/preflights" + query).sendJsonObject(request));
  }

  private static SseReader follow(String id, MultiMap headers) {
    return Await.result(SseReader.open(service.http, service.port, "/api/v1/preflights/" + id + "/events", headers));
  }
}
