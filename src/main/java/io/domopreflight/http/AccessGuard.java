package io.domopreflight.http;

import io.vertx.ext.web.RoutingContext;

/**
 * In front of every {@code /api} route: with API keys configured, a request needs {@code Authorization: Bearer <key>}
 * (or, for a run's event stream only, that run's stream token), and each key spends from its request budget.
 * Which runs a caller may see is decided by the endpoints, from the caller put on the context here.
 */
final class AccessGuard {

  /** Context key of the caller's fingerprint; absent when the API is open or a stream token is presented. */
  static final String CALLER = "preflight.caller";
  static final String STREAM_TOKEN = "streamToken";

  private final ApiKeys keys;
  private final RequestBudget budget;

  AccessGuard(ApiKeys keys, RequestBudget budget) {
    this.keys = keys;
    this.budget = budget;
  }

  void handle(RoutingContext ctx) {
    if (keys.isOpen()) {
      ctx.next();
      return;
    }
    String caller = keys.callerOf(ctx.request().getHeader("Authorization"));
    if (caller == null) {
      // The events endpoint checks the token against the run; anything else without a key stops here.
      if (ctx.request().getParam(STREAM_TOKEN) != null && ctx.normalizedPath().endsWith("/events")) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"domo-preflight\"");
      Problem.of(401, "unauthorized", "API key required",
          "Send a configured API key as 'Authorization: Bearer <key>' (on the page: the API key field); ask the "
              + "operator of this service for one.")
          .send(ctx);
      return;
    }

    long waitMs = budget.take(caller, System.currentTimeMillis());
    if (waitMs > 0) {
      ctx.response().putHeader("Retry-After", String.valueOf(Math.max(1, (waitMs + 999) / 1000)));
      Problem.of(429, "too-many-requests", "Too many requests",
          "This API key has used its requests for the minute (auth.requestsPerMinute); wait and try again.")
          .send(ctx);
      return;
    }
    ctx.put(CALLER, caller);
    ctx.next();
  }
}
