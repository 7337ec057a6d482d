package io.domopreflight.http;

import io.domopreflight.check.CheckSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;

/** {@code GET /api/v1/checks} and {@code GET /api/v1/demo/scenarios}: what the page needs to draw its form. */
final class CatalogueEndpoint {

  private final JsonArray checks;
  private final JsonArray scenarios;

  CatalogueEndpoint(JsonArray scenarios) {
    this.checks = new JsonArray(Arrays.stream(CheckSpec.values()).map(CatalogueEndpoint::describe).toList());
    this.scenarios = scenarios.copy();
  }

  void checks(RoutingContext ctx) {
    reply(ctx, checks);
  }

  void scenarios(RoutingContext ctx) {
    reply(ctx, scenarios);
  }

  private static JsonObject describe(CheckSpec check) {
    return new JsonObject()
        .put("id", check.id())
        .put("title", check.title())
        .put("domoStatsField", check.domoStatsField())
        .put("needsToken", check.needsToken());
  }

  private static void reply(RoutingContext ctx, JsonArray body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
