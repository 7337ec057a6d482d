package io.domopreflight.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A fake Domo on 127.0.0.1 that speaks the documented Platform API shapes and failure modes: OAuth tokens, datasets,
 * the query and export APIs, pages, and the DomoStats reports. Clients are told apart by their token, so one
 * simulator serves every configured scenario at once.
 */
public final class DomoSimulator {

  private final Vertx vertx;
  private final Simulation sim;
  private final SimulatorVerticle verticle;
  private final String deploymentId;

  private DomoSimulator(Vertx vertx, Simulation sim, SimulatorVerticle verticle, String deploymentId) {
    this.vertx = vertx;
    this.sim = sim;
    this.verticle = verticle;
    this.deploymentId = deploymentId;
  }

  /** Starts listening on 127.0.0.1 (a free port when the config says 0). */
  public static Future<DomoSimulator> start(Vertx vertx, SimulatorConfig config) {
    Simulation sim = new Simulation(vertx, config);
    SimulatorVerticle verticle = new SimulatorVerticle(sim);
    return vertx.deployVerticle(verticle).map(id -> new DomoSimulator(vertx, sim, verticle, id));
  }

  public int port() {
    return verticle.port();
  }

  /** Where to point a Domo client instead of {@code https://api.domo.com}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Every API request received so far, oldest first, without any secret. */
  public List<JsonObject> requests() {
    return sim.log.snapshot();
  }

  public void clearRequests() {
    sim.log.clear();
  }

  /** Clears the request log and re-arms every once-fault (first-call 429, 503, expiry, query error). */
  public void reset() {
    sim.log.clear();
    sim.memory.reset();
  }

  public int tokensIssued() {
    return sim.tokens.issuedCount();
  }

  /** The named presets of the configuration, for the demo page. */
  public JsonArray scenarios() {
    return sim.config.scenarios().copy();
  }

  /** The presets with each request's {@code apiHost} pointed at this simulator, ready to send to a preflight. */
  public JsonArray scenariosPointedHere() {
    JsonArray scenarios = scenarios();
    scenarios.stream().map(JsonObject.class::cast)
        .forEach(s -> s.getJsonObject("request").put("apiHost", baseUrl()));
    return scenarios;
  }

  /** The request of one preset, pointed at this simulator, or {@code null} when no preset has that id. */
  public JsonObject scenarioRequest(String id) {
    return scenariosPointedHere().stream().map(JsonObject.class::cast)
        .filter(s -> id.equals(s.getString("id"))).findFirst()
        .map(s -> s.getJsonObject("request"))
        .orElse(null);
  }

  public SimulatorConfig config() {
    return sim.config;
  }

  public Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }
}
