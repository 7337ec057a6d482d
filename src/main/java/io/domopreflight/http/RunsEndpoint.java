package io.domopreflight.http;

import io.domopreflight.Addresses;
import io.domopreflight.run.RunCoordinator;
import io.domopreflight.run.RunStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Objects;

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
  private final ApiKeys keys;

  RunsEndpoint(Vertx vertx, RunStore store, HttpConfig config, Health health, ApiKeys keys) {
    this.vertx = vertx;
    this.store = store;
    this.config = config;
    this.health = health;
    this.keys = keys;
  }

  /** 202 with the snapshot and a Location to follow; with {@code ?wait=true}, 200 with the final report. */
  void start(RoutingContext ctx) {
    if (health.isDraining()) {
      ctx.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
      Problem.shuttingDown().send(ctx);
      return;
    }
    String wait = ctx.request().getParam("wait");
    if (wait != null && !"true".equalsIgnoreCase(wait) && !"false".equalsIgnoreCase(wait)) {
      // A typo must not turn a request for the final report into one for a snapshot.
      Problem.of(400, "invalid-parameter", "Invalid query parameter", "The query parameter wait must be true or "
          + "false.").send(ctx);
      return;
    }
    JsonObject request = JsonBody.objectOrRefuse(ctx);
    if (request == null) {
      return;
    }
    EngineFailure failures = new EngineFailure(ctx, request.getValue("clientSecret"), config);
    String caller = ctx.get(AccessGuard.CALLER);

    if ("true".equalsIgnoreCase(wait)) {
      DeliveryOptions untilDone = asCaller(new DeliveryOptions().setSendTimeout(config.waitTimeoutMs()), caller);
      askEngine(Addresses.RUN, request, untilDone)
          .map(reply -> withLinks(reply.body(), caller))
          .onSuccess(report -> reply(ctx, 200, report))
          .onFailure(failures::send);
      return;
    }

    askEngine(Addresses.START, request, asCaller(new DeliveryOptions(), caller))
        .map(reply -> withLinks(reply.body().getJsonObject("snapshot"), caller))
        .onSuccess(snapshot -> {
          ctx.response().putHeader("Location", self(snapshot.getString("id")));
          reply(ctx, 202, snapshot);
        })
        .onFailure(failures::send);
  }

  /** The snapshot while the run goes on, the report once it is done; another caller's run is "not found". */
  void find(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String caller = ctx.get(AccessGuard.CALLER);
    store.find(id)
        .onSuccess(run -> {
          if (run == null || !Objects.equals(run.caller(), caller)) {
            Problem.notFound("No run with id " + id + " is known here; runs are kept for a limited time.").send(ctx);
          } else {
            reply(ctx, 200, withLinks(run.report(), caller));
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * Asks this node's coordinator first, the cluster's only when this node runs none: the load balancer has spread
   * the requests already, and a node that is shutting down takes no more from the others' HTTP layers. (Its
   * coordinator stops listening as it drains, but the other nodes learn that a moment later, and a request sent to
   * it in that moment would be lost until its send timeout.)
   */
  private Future<Message<JsonObject>> askEngine(String address, JsonObject request, DeliveryOptions options) {
    return vertx.eventBus().<JsonObject>request(address, request, new DeliveryOptions(options).setLocalOnly(true))
        .recover(failure -> failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS
            ? vertx.eventBus().<JsonObject>request(address, request, options) : Future.failedFuture(failure));
  }

  static String self(String id) {
    return BASE + "/" + id;
  }

  /** With API keys, the events link carries the run's stream token, as an EventSource cannot send a header. */
  private JsonObject withLinks(JsonObject report, String caller) {
    String id = report.getString("id");
    String token = keys.streamToken(caller, id);
    String events = self(id) + "/events" + (token == null ? "" : "?" + AccessGuard.STREAM_TOKEN + "=" + token);
    return report.copy().put("links", new JsonObject().put("self", self(id)).put("events", events));
  }

  private static DeliveryOptions asCaller(DeliveryOptions options, String caller) {
    return caller == null ? options : options.addHeader(RunCoordinator.CALLER_HEADER, caller);
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
