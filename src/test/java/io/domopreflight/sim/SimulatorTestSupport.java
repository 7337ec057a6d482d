package io.domopreflight.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Starts a simulator with the default scenarios (plus whatever a test class adds) on a free loopback port, and offers
 * the few calls every test needs. Tests wait with {@code await} on the JUnit thread, never on an event loop.
 */
@ExtendWith(VertxExtension.class)
abstract class SimulatorTestSupport {

  static final String MILLION_CARDS = "c4a7d1e0-5a11-4c0b-9d01-00000000f00d";
  static final String CARDS = "c4a7d1e0-5a11-4c0b-9d01-000000000001";

  Vertx vertx;
  DomoSimulator sim;
  WebClient web;

  @BeforeEach
  void startSimulator(Vertx vertx) throws Exception {
    this.vertx = vertx;
    SimulatorConfig config = configure(SimulatorConfig.defaults()
        .withDataset(new JsonObject().put("id", MILLION_CARDS).put("report", "cards").put("rows", 1_000_000)));
    sim = DomoSimulator.start(vertx, config).await(10, TimeUnit.SECONDS);
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stopSimulator() throws Exception {
    web.close();
    sim.close().await(10, TimeUnit.SECONDS);
  }

  /** Lets a test class add clients or datasets to the default configuration. */
  SimulatorConfig configure(SimulatorConfig defaults) {
    return defaults;
  }

  static String basic(String clientId, String secret) throws Exception {
    return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** A token for a default-file client, whose secret is {@code secret-<clientId>}. */
  String tokenFor(String clientId) throws Exception {
    HttpResponse<Buffer> response = web.get(sim.port(), "127.0.0.1", "/oauth/token")
        .addQueryParam("grant_type", "client_credentials")
        .putHeader("Authorization", basic(clientId, "secret-" + clientId))
        .send().await(10, TimeUnit.SECONDS);
    return response.bodyAsJsonObject().getString("access_token");
  }

  HttpResponse<Buffer> getWithToken(String path, String token) throws Exception {
    return web.get(sim.port(), "127.0.0.1", path).putHeader("Authorization", "bearer " + token)
        .send().await(30, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> get(String clientId, String path) throws Exception {
    return getWithToken(path, tokenFor(clientId));
  }

  HttpResponse<Buffer> query(String clientId, String datasetId, Object body) throws Exception {
    var request = web.post(sim.port(), "127.0.0.1", "/v1/datasets/query/execute/" + datasetId)
        .putHeader("Authorization", "bearer " + tokenFor(clientId));
    var sent = body == null ? request.send() : request.sendJsonObject(new JsonObject().put("sql", body));
    return sent.await(30, TimeUnit.SECONDS);
  }
}
