package io.domopreflight.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("The preflight API")
class PreflightApiTest {

  private static final String RUNS = "/api/v1/preflights";

  private TestService service;

  @BeforeEach
  void start(Vertx vertx) {
    service = TestService.start(vertx);
  }

  @Test
  @DisplayName("starts a run with 202, a Location, links and every check pending")
  void startsARun() {
    HttpResponse<Buffer> response = post(TestService.request());

    assertThat(response.statusCode()).isEqualTo(202);
    JsonObject body = response.bodyAsJsonObject();
    String id = body.getString("id");
    assertThat(response.getHeader("Location")).isEqualTo(RUNS + "/" + id);
    assertThat(body.getJsonObject("links")).isEqualTo(new JsonObject().put("self", RUNS + "/" + id)
        .put("events", RUNS + "/" + id + "/events"));
    assertThat(body.getString("status")).isEqualTo("running");
    assertThat(body.getValue("outcome")).isNull();
    assertThat(body.getJsonArray("checks").stream().map(JsonObject.class::cast))
        .extracting(c -> c.getString("outcome")).hasSize(CheckSpec.values().length).containsOnly("pending");
  }

  @Test
  @DisplayName("accepts a JSON body declared with a charset")
  void acceptsJsonWithACharset() {
    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .sendBuffer(TestService.request().toBuffer()));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  @DisplayName("accepts a body that starts with a UTF-8 byte order mark, as the command line does")
  void acceptsAByteOrderMark() {
    Buffer body = Buffer.buffer(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})
        .appendBuffer(TestService.request().toBuffer());

    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS)
        .putHeader("Content-Type", "application/json").sendBuffer(body));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  @DisplayName("accepts a media type written in upper case")
  void acceptsAnUpperCaseMediaType() {
    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS)
        .putHeader("Content-Type", "APPLICATION/JSON")
        .sendBuffer(TestService.request().toBuffer()));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  @DisplayName("answers HEAD on the health, catalogue and description endpoints as a load balancer probes them")
  void answersHead() {
    for (String path : new String[] {"/health/live", "/api/v1/checks", "/openapi.json"}) {
      HttpResponse<Buffer> response = Await.result(service.web.head(path).send());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("refuses a Last-Event-ID that is not an event id of this service")
  void refusesABadLastEventId() {
    String id = post(TestService.request()).bodyAsJsonObject().getString("id");

    for (String bad : new String[] {"abc", "-5", "3.5", "+3", "0x3", "99999999999999999999"}) {
      HttpResponse<Buffer> response = Await.result(service.web.get(RUNS + "/" + id + "/events")
          .putHeader("Last-Event-ID", bad).send());
      assertProblem(response, 400);
    }
  }

  @Test
  @DisplayName("shows a run's snapshot while it runs and its report once it is done")
  void readsARunBack() {
    String id = post(TestService.request()).bodyAsJsonObject().getString("id");
    service.engine.land(id, "authentication", Outcome.PASSED);

    JsonObject running = get(RUNS + "/" + id).bodyAsJsonObject();
    service.engine.passAll(id);
    JsonObject done = get(RUNS + "/" + id).bodyAsJsonObject();

    assertThat(running.getString("status")).isEqualTo("running");
    assertThat(running.getJsonArray("checks").getJsonObject(0).getString("outcome")).isEqualTo("passed");
    assertThat(running.getJsonArray("checks").getJsonObject(1).getString("outcome")).isEqualTo("pending");
    assertThat(done.getString("status")).isEqualTo("done");
    assertThat(done.getString("outcome")).isEqualTo("passed");
    assertThat(done.getJsonObject("links").getString("events")).isEqualTo(RUNS + "/" + id + "/events");
  }

  @Test
  @DisplayName("with wait=true, answers 200 with the final report")
  void waitsForTheReport() {
    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS + "?wait=true")
        .sendJsonObject(TestService.request()));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject report = response.bodyAsJsonObject();
    assertThat(report.getString("status")).isEqualTo("done");
    assertThat(report.getString("outcome")).isEqualTo("passed");
    assertThat(report.getJsonObject("links").getString("self")).isEqualTo(RUNS + "/" + report.getString("id"));
  }

  @Test
  @DisplayName("lists the check catalogue")
  void listsTheChecks() {
    JsonArray checks = get("/api/v1/checks").bodyAsJsonArray();

    assertThat(checks.stream().map(JsonObject.class::cast)).extracting(c -> c.getString("id"))
        .containsExactlyElementsOf(CheckSpec.ids());
  }

  @Test
  @DisplayName("lists no demo scenarios unless they are configured")
  void listsNoScenariosByDefault() {
    assertThat(get("/api/v1/demo/scenarios").bodyAsJsonArray()).isEmpty();
  }

  @Test
  @DisplayName("lists the configured demo scenarios")
  void listsConfiguredScenarios(Vertx vertx) {
    JsonArray scenarios = new JsonArray().add(new JsonObject().put("id", "healthy").put("title", "Healthy")
        .put("request", TestService.request()));
    TestService withScenarios = TestService.start(vertx, new JsonObject().put("demo.scenarios", scenarios));

    HttpResponse<Buffer> response = Await.result(withScenarios.web.get("/api/v1/demo/scenarios").send());

    assertThat(response.bodyAsJsonArray()).isEqualTo(scenarios);
  }

  @Test
  @DisplayName("serves the page at /")
  void servesThePage() {
    HttpResponse<Buffer> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/html");
    assertThat(response.bodyAsString()).contains("<form");
  }

  @Test
  @DisplayName("answers 404 with a problem for an unknown run")
  void refusesAnUnknownRun() {
    assertProblem(get(RUNS + "/no-such-run"), 404);
  }

  @Test
  @DisplayName("answers 404 with a problem for an unknown path")
  void refusesAnUnknownPath() {
    assertProblem(get("/api/v1/nothing-here"), 404);
  }

  @Test
  @DisplayName("answers 400 with a problem when the body is not JSON")
  void refusesABodyThatIsNotJson() {
    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"clientSecret\": \"" + TestService.SECRET + "\", oops")));

    assertThat(assertProblem(response, 400).encode()).doesNotContain(TestService.SECRET);
  }

  @Test
  @DisplayName("answers 400 with a problem when the body is JSON but not an object")
  void refusesABodyThatIsNotAnObject() {
    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS)
        .sendJson(new JsonArray().add(TestService.request())));

    assertProblem(response, 400);
  }

  @Test
  @DisplayName("answers 400 with every invalid field named, and never the secret")
  void refusesInvalidFields() {
    JsonObject request = TestService.request().put("clientId", 42).put("checks", new JsonArray().add("nope"));

    JsonObject problem = assertProblem(post(request), 400);

    assertThat(problem.getJsonArray("errors").stream().map(JsonObject.class::cast))
        .extracting(e -> e.getString("field")).containsExactlyInAnyOrder("clientId", "checks[0]");
    assertThat(problem.encode()).doesNotContain(TestService.SECRET);
  }

  @Test
  @DisplayName("answers 413 with a problem when the body is over 64 KiB")
  void refusesAnOversizedBody() {
    JsonObject request = TestService.request().put("padding", "x".repeat(70 * 1024));

    assertProblem(post(request), 413);
  }

  @Test
  @DisplayName("answers 415 with a problem when the body is not declared as JSON")
  void refusesAnotherMediaType() {
    HttpResponse<Buffer> asText = Await.result(service.web.post(RUNS).putHeader("Content-Type", "text/plain")
        .sendBuffer(TestService.request().toBuffer()));
    HttpResponse<Buffer> undeclared = Await.result(service.web.post(RUNS).sendBuffer(TestService.request().toBuffer()));

    assertProblem(asText, 415);
    assertProblem(undeclared, 415);
  }

  @Test
  @DisplayName("answers 405 with Allow for a method a known path does not support")
  void refusesAnotherMethod() {
    HttpResponse<Buffer> onRuns = Await.result(service.web.delete(RUNS).send());
    HttpResponse<Buffer> onRun = Await.result(service.web.post(RUNS + "/some-run").send());
    HttpResponse<Buffer> onChecks = Await.result(service.web.put("/api/v1/checks").send());

    assertProblem(onRuns, 405);
    assertThat(onRuns.getHeader("Allow")).isEqualTo("POST");
    assertProblem(onRun, 405);
    assertThat(onRun.getHeader("Allow")).isEqualTo("GET, HEAD");
    assertThat(onChecks.getHeader("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  @DisplayName("answers a made-up method like any other unsupported one: 405, problem+json, the path's Allow")
  void refusesAMadeUpMethod() {
    HttpResponse<Buffer> onRuns = Await.result(service.web.request(HttpMethod.valueOf("FROB"), RUNS).send());
    HttpResponse<Buffer> onEvents = Await.result(service.web.request(HttpMethod.valueOf("FROB"),
        RUNS + "/some-run/events").send());

    assertProblem(onRuns, 405);
    assertThat(onRuns.getHeader("Allow")).isEqualTo("POST");
    assertProblem(onEvents, 405);
    assertThat(onEvents.getHeader("Allow")).isEqualTo("GET, HEAD");
    HttpResponse<Buffer> onHealth = Await.result(service.web.post("/health/ready").send());
    assertProblem(onHealth, 405);
    assertThat(onHealth.getHeader("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  @DisplayName("refuses a wait parameter that is neither true nor false, rather than start a run without waiting")
  void refusesAnUnclearWait() {
    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS + "?wait=yes")
        .sendJsonObject(TestService.request()));

    assertProblem(response, 400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("wait");
  }

  @Test
  @DisplayName("answers HEAD on a run and on its events with GET's status and headers, and no body")
  void answersHeadOnARun() {
    String id = post(TestService.request()).bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> run = Await.result(service.web.head(RUNS + "/" + id).send());
    HttpResponse<Buffer> events = Await.result(service.web.head(RUNS + "/" + id + "/events").send());
    HttpResponse<Buffer> unknown = Await.result(service.web.head(RUNS + "/no-such-run/events").send());

    assertThat(run.statusCode()).isEqualTo(200);
    assertThat(run.getHeader("Content-Type")).startsWith("application/json");
    assertThat(run.body()).isNull();
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.getHeader("Content-Type")).startsWith("text/event-stream");
    assertThat(events.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(events.body()).isNull();
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("answers 429 with Retry-After when the engine has too many runs")
  void passesOnTooManyRuns() {
    service.engine.refuseWith(429, "Too many preflight runs are in progress; try again in a few seconds.");

    HttpResponse<Buffer> response = post(TestService.request());

    assertProblem(response, 429);
    assertThat(response.getHeader("Retry-After")).isNotBlank();
  }

  @Test
  @DisplayName("answers 503 with a problem when no engine is running")
  void reportsAMissingEngine() {
    service.engine.stop();

    assertProblem(post(TestService.request()), 503);
  }

  @Test
  @DisplayName("answers 500 without internals when the engine fails, and logs no secret")
  void hidesInternalFailures() {
    ListAppender<ILoggingEvent> logged = captureLogs();
    service.engine.refuseWith(500, "NullPointerException at Coordinator.java:42 for secret " + TestService.SECRET);

    JsonObject problem = assertProblem(post(TestService.request()), 500);

    assertThat(problem.encode()).doesNotContain("NullPointerException").doesNotContain(TestService.SECRET);
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains("NullPointerException"))
        .noneMatch(line -> line.contains(TestService.SECRET));
    rootLogger().detachAppender(logged);
  }

  private HttpResponse<Buffer> post(JsonObject request) {
    return Await.result(service.web.post(RUNS).sendJsonObject(request));
  }

  private HttpResponse<Buffer> get(String path) {
    return Await.result(service.web.get(path).send());
  }

  private static JsonObject assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    rootLogger().addAppender(appender);
    return appender;
  }

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
