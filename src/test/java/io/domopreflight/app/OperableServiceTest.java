package io.domopreflight.app;

import io.domopreflight.Addresses;
import io.domopreflight.TestEngine;
import io.domopreflight.http.Health;
import io.domopreflight.sim.DomoSimulator;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The service as {@code serve} builds it (metrics on), in front of the Domo simulator. */
@DisplayName("An operable service")
class OperableServiceTest {

  private Vertx vertx;
  private DomoSimulator simulator;
  private Health health;
  private WebClient web;

  @BeforeEach
  void start() throws Exception {
    JsonObject config = TestEngine.engineConfig().put("http.host", "127.0.0.1").put("http.port", 0);
    vertx = VertxFactory.service(config);
    simulator = DomoSimulator.start(vertx, SimulatorConfig.defaults().withLatencyMs(300)).await(20, TimeUnit.SECONDS);
    health = Health.create(vertx);
    Service.deployEngine(vertx, config).await(20, TimeUnit.SECONDS);
    health.engineDeployed();
    int port = Service.deployHttp(vertx, config, health).await(20, TimeUnit.SECONDS);
    web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("publishes its own meters and Vert.x's at /metrics, with no run id among the labels")
  void publishesMetrics() throws Exception {
    JsonObject report = post("/api/v1/preflights?wait=true", scenario("all-passing")).bodyAsJsonObject();
    post("/api/v1/preflights?wait=true", scenario("all-passing"));

    String metrics = get("/metrics").bodyAsString();

    assertThat(metrics)
        .contains("preflight_check_duration_seconds_bucket{check=\"authentication\"")
        .contains("preflight_check_results_total{category=\"none\",check=\"datasets\",outcome=\"passed\"} 2.0")
        .contains("preflight_domo_calls_total{endpoint=\"POST /oauth/token\",status=\"200\"} 1.0")
        .contains("preflight_token_cache_lookups_total{result=\"hit\"} 1.0")
        .contains("preflight_token_cache_lookups_total{result=\"miss\"} 1.0")
        .contains("preflight_runs_in_flight 0.0")
        .contains("preflight_event_stream_clients 0.0")
        .contains("preflight_run_duration_seconds_count{outcome=\"passed\"} 2")
        .contains("vertx_http_server_requests_total")
        .contains("vertx_eventbus_handlers{address=\"preflight.check.cards\"}")
        .contains("jvm_memory_used_bytes")
        .doesNotContain(report.getString("id"))
        .doesNotContain("c4a7d1e0");
  }

  @Test
  @DisplayName("counts made-up HTTP methods under one label value, so callers cannot grow /metrics at will")
  void foldsUnknownMethods() throws Exception {
    for (int i = 0; i < 20; i++) {
      await(web.request(HttpMethod.valueOf("MADEUP" + i), "/api/v1/checks").send());
    }
    await(web.request(HttpMethod.PATCH, "/api/v1/checks").send());

    String metrics = get("/metrics").bodyAsString();

    assertThat(metrics).doesNotContain("MADEUP").contains("method=\"OTHER\"").contains("method=\"PATCH\"");
  }

  @Test
  @DisplayName("on draining turns unready, refuses new runs with 503 and Retry-After, and closes connections")
  void drains() {
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);

    health.drain();
    HttpResponse<Buffer> ready = get("/health/ready");
    HttpResponse<Buffer> refused = post("/api/v1/preflights", scenario("all-passing"));

    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsJsonObject().getJsonArray("checks").encode())
        .contains("\"id\":\"accepting-runs\",\"status\":\"DOWN\"");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/shutting-down");
    // So that a proxy sends its next request to another node instead of down a connection about to close.
    assertThat(refused.getHeader("Connection")).isEqualTo("close");
    assertThat(ready.getHeader("Connection")).isEqualTo("close");
  }

  @Test
  @DisplayName("answers a drain only once the runs under way have finished")
  void drainWaitsForRuns() throws Exception {
    String id = post("/api/v1/preflights", scenario("all-passing")).bodyAsJsonObject().getString("id");

    vertx.eventBus().request(Addresses.DRAIN, null).await(10, TimeUnit.SECONDS);
    JsonObject run = get("/api/v1/preflights/" + id).bodyAsJsonObject();

    assertThat(run.getString("status")).isEqualTo("done");
    assertThat(run.getString("outcome")).isEqualTo("passed");
  }

  private JsonObject scenario(String id) {
    return simulator.scenarios().stream().map(JsonObject.class::cast).filter(s -> id.equals(s.getString("id")))
        .findFirst().orElseThrow().getJsonObject("request").copy().put("apiHost", simulator.baseUrl());
  }

  private HttpResponse<Buffer> get(String path) {
    return await(web.get(path).send());
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return await(web.post(path).sendJsonObject(body));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
