package io.domopreflight.sim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The simulator's own routes under {@code /_sim}: health, the request log, the scenarios and a reset. */
final class AdminEndpoint {

  private final Simulation sim;

  AdminEndpoint(Simulation sim) {
    this.sim = sim;
  }

  void health(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP").put("tokensIssued", sim.tokens.issuedCount())
        .put("requests", sim.log.snapshot().size()));
  }

  void requests(RoutingContext ctx) {
    ctx.json(sim.log.toJson());
  }

  void clearRequests(RoutingContext ctx) {
    sim.log.clear();
    ctx.response().setStatusCode(204).end();
  }

  void scenarios(RoutingContext ctx) {
    ctx.json(sim.config.scenarios());
  }

  /** Forgets the request log and every fired once-fault, so a scenario starts over. */
  void reset(RoutingContext ctx) {
    sim.log.clear();
    sim.memory.reset();
    ctx.response().setStatusCode(204).end();
  }
}
