package io.domopreflight.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real answers of a live service (engine and Domo simulator behind it) checked against the served OpenAPI. */
@DisplayName("The OpenAPI description")
class OpenApiContractTest {

  private static final String RUNS = "/api/v1/preflights";
  private static LiveService service;
  private static OpenApiContract contract;

  @BeforeAll
  static void start() throws Exception {
    service = LiveService.start();
    contract = OpenApiContract.load();
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  @Test
  @DisplayName("is served at /openapi.json as OpenAPI 3.1")
  void isServed() {
    HttpResponse<Buffer> response = get("/openapi.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(contract.document());
    assertThat(contract.document().getString("openapi")).startsWith("3.1");
  }

  @Test
  @DisplayName("names every path the router serves")
  void coversEveryRoute() {
    List<String> routed = service.api.routedPaths().stream()
        .map(path -> path.replaceAll(":([A-Za-z]+)", "{$1}"))
        .map(path -> path.equals("/*") ? "/" : path)
        .toList();

    assertThat(contract.paths()).containsAll(routed);
  }

  @Test
  @DisplayName("describes the 202 snapshot, the run read back and the report of ?wait=true")
  void describesRuns() {
    HttpResponse<Buffer> started = post(RUNS, service.engine.scenario("all-passing"));
    HttpResponse<Buffer> read = get(started.getHeader("Location"));
    HttpResponse<Buffer> waited = post(RUNS + "?wait=true", service.engine.scenario("missing-dashboard-scope"));

    assertThat(started.statusCode()).isEqualTo(202);
    contract.assertValid("Report", started.bodyAsJsonObject());
    assertThat(read.statusCode()).isEqualTo(200);
    contract.assertValid("Report", read.bodyAsJsonObject());
    assertThat(waited.statusCode()).isEqualTo(200);
    contract.assertValid("Report", waited.bodyAsJsonObject());
    assertThat(waited.bodyAsJsonObject().getString("outcome")).isEqualTo("failed");
  }

  @Test
  @DisplayName("describes the data of every check and done event of a stream")
  void describesEvents() {
    String id = post(RUNS, service.engine.scenario("all-passing")).bodyAsJsonObject().getString("id");

    SseReader stream = Await.result(SseReader.open(service.http, service.port, RUNS + "/" + id + "/events",
        MultiMap.caseInsensitiveMultiMap()));
    List<SseReader.Frame> events = Await.result(stream.ended()).stream().filter(f -> f.id() != null).toList();

    assertThat(events).extracting(SseReader.Frame::event).containsOnly("check", "done").endsWith("done");
    events.forEach(event -> contract.assertValid(event.event().equals("done") ? "DoneEvent" : "CheckEvent",
        new JsonObject().put("data", event.json())));
  }

  @Test
  @DisplayName("describes every problem: 400, 404, 405, 413 and 415")
  void describesProblems() {
    JsonObject invalid = new JsonObject().put("clientId", "").put("checks", new JsonArray().add("nope"));
    List<HttpResponse<Buffer>> problems = List.of(
        Await.result(service.web.post(RUNS).putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{not json"))),
        post(RUNS, invalid),
        get(RUNS + "/no-such-run"),
        get("/no/such/page"),
        Await.result(service.web.request(HttpMethod.DELETE, RUNS).send()),
        Await.result(service.web.post(RUNS).putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"pad\":\"" + "x".repeat(70_000) + "\"}"))),
        Await.result(service.web.post(RUNS).putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("hi"))));

    assertThat(problems).extracting(HttpResponse::statusCode).containsExactly(400, 400, 404, 404, 405, 413, 415);
    problems.forEach(problem -> {
      assertThat(problem.getHeader("Content-Type")).isEqualTo("application/problem+json");
      contract.assertValid("Problem", problem.bodyAsJsonObject());
    });
    assertThat(problems.get(1).bodyAsJsonObject().getJsonArray("errors")).isNotEmpty();
  }

  @Test
  @DisplayName("lists, on each operation, every refusal the service really gives there")
  void listsEveryRefusal() {
    String events = RUNS + "/no-such-run/events";
    Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
    answers.put("post " + RUNS, Await.result(service.web.post(RUNS).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{not json"))));
    answers.put("post " + RUNS + " ", Await.result(service.web.post(RUNS).putHeader("Expect", "later")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}"))));
    answers.put("get " + RUNS + "/{id}", get(RUNS + "/%ZZ"));
    answers.put("get " + RUNS + "/{id}/events", Await.result(service.web.get(events)
        .putHeader("Last-Event-ID", "abc").send()));
    answers.put("get " + RUNS + "/{id}/events ", get(events + "?lastEventId=-1"));
    answers.put("get /api/v1/checks", get("/api/v1/checks?pad=" + "x".repeat(5_000)));
    answers.put("get /health/live", Await.result(service.web.get("/health/live").putHeader("X-Pad", "y".repeat(10_000))
        .send()));

    answers.forEach((operation, answer) -> {
      String[] methodAndPath = operation.strip().split(" ");
      JsonObject responses = contract.document().getJsonObject("paths").getJsonObject(methodAndPath[1])
          .getJsonObject(methodAndPath[0]).getJsonObject("responses");
      assertThat(answer.statusCode()).as(operation).isGreaterThanOrEqualTo(400);
      assertThat(responses.fieldNames()).as(operation).contains(String.valueOf(answer.statusCode()));
      contract.assertValid("Problem", answer.bodyAsJsonObject());
    });
    assertThat(answers.values()).extracting(HttpResponse::statusCode)
        .containsExactly(400, 417, 400, 400, 400, 414, 431);
  }

  @Test
  @DisplayName("describes the checks catalogue, the demo scenarios and both health answers")
  void describesCataloguesAndHealth() {
    JsonArray checks = get("/api/v1/checks").bodyAsJsonArray();
    JsonArray scenarios = get("/api/v1/demo/scenarios").bodyAsJsonArray();

    assertThat(checks).hasSize(6);
    checks.forEach(check -> contract.assertValid("CheckDescription", check));
    assertThat(scenarios).isNotEmpty();
    scenarios.forEach(scenario -> contract.assertValid("Scenario", scenario));
    for (String path : List.of("/health/live", "/health/ready")) {
      HttpResponse<Buffer> health = get(path);
      assertThat(health.statusCode()).as(path).isEqualTo(200);
      contract.assertValid("Health", health.bodyAsJsonObject());
    }
  }

  @Test
  @DisplayName("rejects a body that drifted from it, so that the checks above can fail")
  void catchesDrift() {
    JsonObject drifted = new JsonObject().put("id", "x").put("status", "finished").put("startedAt", "now")
        .put("checks", new JsonArray()).put("surprise", true);

    assertThat(contract.validator("Report").validate(drifted).getValid()).isFalse();
  }

  private static HttpResponse<Buffer> get(String path) {
    return Await.result(service.web.get(path).send());
  }

  private static HttpResponse<Buffer> post(String path, JsonObject body) {
    return Await.result(service.web.post(path).sendJsonObject(body));
  }
}
