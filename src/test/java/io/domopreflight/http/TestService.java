package io.domopreflight.http;

import io.domopreflight.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** The HTTP API on a free loopback port, with the fake engine behind it and clients in front. */
final class TestService {

  static final String SECRET = "s3cret-never-shown";

  final Vertx vertx;
  final FakeEngine engine;
  final int port;
  final HttpClient http;
  final WebClient web;

  private TestService(Vertx vertx, FakeEngine engine, int port) {
    this.vertx = vertx;
    this.engine = engine;
    this.port = port;
    this.http = vertx.createHttpClient();
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  static TestService start(Vertx vertx, JsonObject config) {
    FakeEngine engine = FakeEngine.deploy(vertx);
    HttpApiVerticle api = new HttpApiVerticle();
    JsonObject settings = new JsonObject().put("http.port", 0).put("http.host", "127.0.0.1").mergeIn(config);
    Await.result(vertx.deployVerticle(api, new DeploymentOptions().setConfig(settings)));
    return new TestService(vertx, engine, api.actualPort());
  }

  static TestService start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  static JsonObject request() {
    return new JsonObject()
        .put("clientId", "client-1")
        .put("clientSecret", SECRET)
        .put("domoStats", new JsonObject().put("cards", "ds-cards").put("cardPages", "ds-pages")
            .put("cardDatasource", "ds-sources"));
  }

  /**
   * Whether nothing listens to the run's events any more, asked until it is so or a bound passes: a consumer that
   * is still there lets the probe time out, a released one makes it fail at once with no handlers.
   */
  boolean nobodyFollows(String runId) {
    DeliveryOptions probe = new DeliveryOptions().setSendTimeout(100);
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        vertx.eventBus().request(Addresses.events(runId), new JsonObject(), probe).await();
      } catch (ReplyException failure) {
        if (failure.failureType() == ReplyFailure.NO_HANDLERS) {
          return true;
        }
      }
    }
    return false;
  }
}
