package io.domopreflight;

import io.domopreflight.app.Service;
import io.domopreflight.domo.AllowedHosts;
import io.domopreflight.domo.DomoClient;
import io.domopreflight.domo.HostResolver;
import io.domopreflight.domo.OutboundGuard;
import io.domopreflight.sim.DomoSimulator;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** The engine and the Domo simulator in one Vert.x instance on loopback, for tests that drive runs end to end. */
public final class TestEngine implements AutoCloseable {

  public static final long CHECK_TIMEOUT_MS = 2_000;
  public static final long RUN_DEADLINE_MS = 6_000;

  public final Vertx vertx;
  public final DomoSimulator simulator;
  public final JsonObject config;

  private TestEngine(Vertx vertx, DomoSimulator simulator, JsonObject config) {
    this.vertx = vertx;
    this.simulator = simulator;
    this.config = config;
  }

  public static TestEngine start() throws Exception {
    return start(SimulatorConfig.defaults(), new JsonObject());
  }

  public static TestEngine start(SimulatorConfig simulatorConfig, JsonObject overrides) throws Exception {
    return start(simulatorConfig, overrides, null);
  }

  /** @param resolver how Domo host names resolve; null for the JVM's resolver */
  public static TestEngine start(SimulatorConfig simulatorConfig, JsonObject overrides, HostResolver resolver)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    DomoSimulator simulator = DomoSimulator.start(vertx, simulatorConfig).await(20, TimeUnit.SECONDS);
    JsonObject config = engineConfig().mergeIn(overrides);
    Service.deployEngine(vertx, config, resolver != null ? resolver : HostResolver.system(vertx))
        .await(20, TimeUnit.SECONDS);
    return new TestEngine(vertx, simulator, config);
  }

  /** The configuration every engine test shares: the simulator allowed, short timeouts so faults end quickly. */
  public static JsonObject engineConfig() {
    return new JsonObject()
        .put("domo.defaultApiHost", "api.domo.com")
        .put("domo.allowedHosts", new JsonArray().add("api.domo.com").add("http://127.0.0.1"))
        .put("domo.maxBodyBytes", 1_048_576)
        .put("check.timeoutMs", CHECK_TIMEOUT_MS)
        .put("check.instances", 2)
        .put("run.deadlineMs", RUN_DEADLINE_MS)
        .put("run.maxInFlight", 256)
        .put("runs.retentionSeconds", 60);
  }

  /** A Domo client for checks deployed by hand, allowed to reach the simulator on loopback. */
  public static DomoClient domoClient(Vertx vertx) {
    OutboundGuard guard = new OutboundGuard(AllowedHosts.of(List.of("api.domo.com", "http://127.0.0.1")),
        HostResolver.system(vertx));
    return new DomoClient(vertx, 1_048_576, guard);
  }

  /** The request of a named simulator scenario, pointed at the simulator. */
  public JsonObject scenario(String id) {
    JsonObject request = simulator.scenarioRequest(id);
    if (request == null) {
      throw new IllegalArgumentException("no simulator scenario " + id);
    }
    return request;
  }

  /** Runs a preflight over the bus with {@code preflight.run} and returns its report. */
  public JsonObject run(JsonObject request) throws Exception {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(RUN_DEADLINE_MS + 5_000);
    return vertx.eventBus().<JsonObject>request(Addresses.RUN, request, options)
        .await(RUN_DEADLINE_MS + 10_000, TimeUnit.MILLISECONDS).body();
  }

  public static JsonObject result(JsonObject report, String check) {
    return report.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> check.equals(c.getString("check"))).findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + check + " in " + report.encodePrettily()));
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }
}
