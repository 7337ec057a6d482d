package io.domopreflight.http;

import io.domopreflight.Addresses;
import io.domopreflight.run.RunStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/preflights} starts a run through the engine; {@code GET /api/v1/preflights/{id}} reads it back
 * from the run store. HTTP never runs a check itself.
 */
final class RunsEndpoint {

  static final String BASE = "/api/v1/preflights";

  private final Vertx vertx;
  private final RunStore store;
  private final HttpConfig config;
  private final Health health;

  RunsEndpoint(Vertx vertx, RunStore store, HttpConfig config, Health health) {
    this.vertx = vertx;
    this.store = store;
    this.config = config;
    this.health = health;
  }

  /** 202 with the snapshot and a Location to follow; with {@code ?wait=true}, 200 with the final report. */
  void start(RoutingContext ctx) {
    if (health.isDraining()) {
      ctx.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
      Problem.of(503, "shutting-down", "Service shutting down", "This node is shutting down and takes no new runs; "
          + "retry in a few seconds, when another node or the restarted service takes it.").send(ctx);
      return;
    }
    JsonObject request = JsonBody.objectOrRefuse(ctx);
    if (request == null) {
      return;
    }
    EngineFailure failures = new EngineFailure(ctx, request.getValue("clientSecret"), config);

    if ("true".equalsIgnoreCase(ctx.request().getParam("wait"))) {
      DeliveryOptions untilDone = new DeliveryOptions().setSendTimeout(config.waitTimeoutMs());
      vertx.eventBus().<JsonObject>request(Addresses.RUN, request, untilDone)
          .map(reply -> withLinks(reply.body()))
          .onSuccess(report -> reply(ctx, 200, report))
          .onFailure(failures::send);
      return;
    }

    vertx.eventBus().<JsonObject>request(Addresses.START, request)
        .map(reply -> withLinks(reply.body().getJsonObject("snapshot")))
        .onSuccess(snapshot -> {
          ctx.response().putHeader("Location", self(snapshot.getString("id")));
          reply(ctx, 202, snapshot);
        })
        .onFailure(failures::send);
  }

  /** The snapshot while the run goes on, the report once it is done. */
  void find(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    store.find(id)
        .onSuccess(run -> {
          if (run == null) {
            Problem.notFound("No run with id " + id + " is known here; runs are kept for a limited time.").send(ctx);
          } else {
            reply(ctx, 200, withLinks(run.report()));
          }
        })
        .onFailure(ctx::fail);
  }

  static String self(String id) {
    return BASE + "/" + id;
  }

  private static JsonObject withLinks(JsonObject report) {
    String id = report.getString("id");
    return report.copy().put("links", new JsonObject().put("self", self(id)).put("events", self(id) + "/events"));
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
