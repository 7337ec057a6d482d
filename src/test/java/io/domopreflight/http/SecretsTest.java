package io.domopreflight.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.domopreflight.run.RunRecord;
import io.domopreflight.run.RunStore;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every simulator scenario, run with marker secrets through the live HTTP API, leaves no secret behind: not in a log
 * line, an event, a stored run or any response body. Issued Domo tokens (JWTs, {@code eyJ...}) must not appear
 * either.
 */
@DisplayName("Secrets")
class SecretsTest {

  private static final String RUNS = "/api/v1/preflights";
  private static final String MARK = "MARKER" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final String API_KEY = MARK + "-api-key";

  @Test
  @DisplayName("appear in no log line, event, stored run or response body, in any scenario")
  void neverLeak() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    Map<String, String> secrets = new HashMap<>();
    List<String> seen = new ArrayList<>();

    try (LiveService service = LiveService.start(withMarkerSecrets(secrets),
        new JsonObject().put("auth.apiKeys", new JsonArray().add(API_KEY)))) {
      List<JsonObject> started = new ArrayList<>();
      for (Object each : service.engine.simulator.scenarios()) {
        JsonObject request = ((JsonObject) each).getJsonObject("request").copy()
            .put("apiHost", service.engine.simulator.baseUrl());
        request.put("clientSecret", secrets.get(((JsonObject) each).getString("id")));
        started.add(start(service, request, seen));
      }
      RunStore store = RunStore.create(service.engine.vertx, 60_000).await(5, TimeUnit.SECONDS);
      for (JsonObject run : started) {
        followToTheEnd(service, run, seen);
        seen.add(get(service, RUNS + "/" + run.getString("id")).bodyAsString());
        RunRecord stored = store.find(run.getString("id")).await(5, TimeUnit.SECONDS);
        seen.add(stored.json().encode());
      }
      refusals(service, seen);
      seen.add(new JsonArray(service.engine.simulator.requests()).encode());
    } finally {
      root.detachAppender(logs);
    }
    logs.list.forEach(event -> seen.add(render(event)));

    assertThat(secrets).hasSizeGreaterThan(30);
    for (String text : seen) {
      assertThat(text).doesNotContain(MARK).doesNotContain("eyJ");
    }
    System.out.printf("secrets: %d scenarios, %d texts and %d log lines searched%n", secrets.size(), seen.size(),
        logs.list.size());
  }

  /** The default scenarios with every client's secret replaced by a marker, per scenario id. */
  private static SimulatorConfig withMarkerSecrets(Map<String, String> secrets) throws Exception {
    JsonObject file;
    try (InputStream in = SecretsTest.class.getClassLoader().getResourceAsStream(SimulatorConfig.DEFAULT_RESOURCE)) {
      file = new JsonObject(Buffer.buffer(in.readAllBytes()));
    }
    SimulatorConfig config = SimulatorConfig.defaults();
    Map<String, String> byClient = new HashMap<>();
    for (Object each : file.getJsonArray("clients")) {
      JsonObject client = ((JsonObject) each).copy();
      String secret = MARK + "-secret-" + client.getString("clientId");
      byClient.put(client.getString("clientId"), secret);
      config = config.withClient(client.put("clientSecret", secret));
    }
    for (Object each : file.getJsonArray("scenarios")) {
      JsonObject scenario = (JsonObject) each;
      JsonObject request = scenario.getJsonObject("request");
      boolean rightSecret = request.getString("clientSecret").equals("secret-" + request.getString("clientId"));
      String secret = rightSecret && byClient.containsKey(request.getString("clientId"))
          ? byClient.get(request.getString("clientId")) : MARK + "-wrong-secret-" + scenario.getString("id");
      secrets.put(scenario.getString("id"), secret);
    }
    return config;
  }

  private static JsonObject start(LiveService service, JsonObject request, List<String> seen) {
    HttpResponse<Buffer> response = Await.result(service.web.post(RUNS).bearerTokenAuthentication(API_KEY)
        .sendJsonObject(request));
    seen.add(response.bodyAsString());
    seen.add(response.headers().toString());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return response.bodyAsJsonObject();
  }

  /** Reads the run's whole event stream, which ends after its {@code done} event, through its events link. */
  private static void followToTheEnd(LiveService service, JsonObject run, List<String> seen) {
    String events = run.getJsonObject("links").getString("events");
    HttpResponse<Buffer> stream = Await.result(service.web.get(events).putHeader("Accept", "text/event-stream")
        .timeout(20_000).send());
    assertThat(stream.statusCode()).isEqualTo(200);
    seen.add(stream.bodyAsString());
    assertThat(stream.bodyAsString()).contains("event: done");
  }

  /** Refused requests that carry a secret: it must not be echoed in the problem. */
  private static void refusals(LiveService service, List<String> seen) {
    JsonObject badHost = new JsonObject().put("clientId", "all-passing").put("clientSecret", MARK + "-refused")
        .put("apiHost", "http://" + MARK + ".example.com/path");
    JsonObject badField = new JsonObject().put("clientId", MARK + "\u0001").put("clientSecret", MARK + "-refused")
        .put("domoStats", new JsonObject().put("notAField", MARK + "-dataset"));
    for (JsonObject body : List.of(badHost, badField)) {
      HttpResponse<Buffer> response = Await.result(service.web.post(RUNS).bearerTokenAuthentication(API_KEY)
          .sendJsonObject(body));
      assertThat(response.statusCode()).isEqualTo(400);
      seen.add(response.bodyAsString().replace(MARK + ".example.com", "the-host"));
    }
    HttpResponse<Buffer> wrongKey = Await.result(service.web.get(RUNS + "/x").bearerTokenAuthentication(MARK)
        .send());
    seen.add(wrongKey.bodyAsString());
  }

  private static HttpResponse<Buffer> get(LiveService service, String path) {
    return Await.result(service.web.get(path).bearerTokenAuthentication(API_KEY).send());
  }

  private static String render(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    return event.getFormattedMessage() + (thrown == null ? "" : "\n" + ThrowableProxyUtil.asString(thrown));
  }
}
