package io.domopreflight.http;

import io.domopreflight.TestEngine;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** The HTTP API in front of the real engine, which calls the Domo simulator; all on loopback. */
final class LiveService implements AutoCloseable {

  final TestEngine engine;
  final HttpApiVerticle api;
  final int port;
  final HttpClient http;
  final WebClient web;

  private LiveService(TestEngine engine, HttpApiVerticle api) {
    this.engine = engine;
    this.api = api;
    this.port = api.actualPort();
    this.http = engine.vertx.createHttpClient();
    this.web = WebClient.create(engine.vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  static LiveService start() throws Exception {
    return start(SimulatorConfig.defaults(), new JsonObject());
  }

  /** @param overrides configuration keys for the engine and the HTTP API alike */
  static LiveService start(SimulatorConfig simulator, JsonObject overrides) throws Exception {
    TestEngine engine = TestEngine.start(simulator, overrides);
    HttpApiVerticle api = new HttpApiVerticle();
    JsonObject config = engine.config.copy()
        .put("http.port", 0)
        .put("http.host", "127.0.0.1")
        .put("demo.scenarios", engine.simulator.scenariosPointedHere());
    Await.result(engine.vertx.deployVerticle(api, new DeploymentOptions().setConfig(config)));
    return new LiveService(engine, api);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }


  @Override
  public void close() throws Exception {
    engine.close();
  }
}
