package io.domopreflight.sim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serves an API call through the faults configured for its client and endpoint group: first any delay, then a fault
 * that replaces the answer (an error status, a hang, a huge body), otherwise the normal answer reshaped by the body
 * faults.
 */
final class FaultInjector {

  private final Simulation sim;

  FaultInjector(Simulation sim) {
    this.sim = sim;
  }

  void serve(RoutingContext ctx, Authorized auth, String group, Supplier<Reply> normal) {
    List<Fault> faults = auth.client().faultsFor(group);
    long delay = faults.stream().filter(f -> f.kind() == Fault.Kind.DELAY).mapToLong(Fault::argument).sum();

    if (delay > 0) {
      sim.vertx.setTimer(delay, id -> answer(ctx, auth, group, faults, normal));
    } else {
      answer(ctx, auth, group, faults, normal);
    }
  }

  private void answer(RoutingContext ctx, Authorized auth, String group, List<Fault> faults, Supplier<Reply> normal) {
    if (ReplyWriter.has(faults, Fault.Kind.HANG)) {
      return; // never answer: the client's own deadline is what is under test
    }
    for (Fault fault : faults) {
      Reply replacement = replacement(fault, auth, group, ctx.request().path());
      if (replacement != null) {
        sim.writer.send(ctx, replacement, faults);
        return;
      }
    }
    sim.writer.send(ctx, normal.get(), faults);
  }

  /** The answer that replaces the normal one, or {@code null} when this fault does not replace it (now). */
  private Reply replacement(Fault fault, Authorized auth, String group, String path) {
    String clientId = auth.client().clientId();
    long seconds = fault.argument();
    return switch (fault.kind()) {
      case FORBIDDEN -> Reply.json(403, new JsonObject().put("status", 403).put("toe", DomoBodies.toe()));
      case ACCESS_DENIED_400 -> accessDenied400();
      case ATLAN_403 -> Reply.json(403, new JsonObject().put("code", 101).put("message", "Access denied")
          .put("status", 403).put("httpMessage", "Forbidden"));
      case INSUFFICIENT_SCOPE -> Reply.json(403, DomoBodies.insufficientScope(group.equals("pages") ? "dashboard"
          : "data"));
      case RATE_LIMITED -> rateLimited(seconds, String.valueOf(seconds));
      case RATE_LIMITED_DATE -> rateLimited(seconds, DateTimeFormatter.RFC_1123_DATE_TIME
          .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(seconds)));
      case RATE_LIMITED_ONCE -> sim.memory.firstTime(clientId, group + ":429")
          ? rateLimited(seconds, String.valueOf(seconds)) : null;
      case RATE_LIMITED_DATE_ONCE -> sim.memory.firstTime(clientId, group + ":429-date")
          ? rateLimited(seconds, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
              .plusSeconds(seconds))) : null;
      case ERROR_500 -> Reply.json(500, DomoBodies.envelope(500, "Internal Server Error",
          "An unexpected error occurred while processing the request"));
      case ERROR_502_HTML -> Reply.html(502, DomoBodies.nginxPage(502));
      case ERROR_503 -> unavailable();
      case ERROR_504_HTML -> Reply.html(504, DomoBodies.nginxPage(504));
      case UNAVAILABLE_ONCE -> sim.memory.firstTime(clientId, group + ":503") ? unavailable() : null;
      case EXPIRED_TOKEN_ONCE -> expiredOnce(auth);
      case HTML_200 -> Reply.html(200, DomoBodies.instancePage(sim.config.customer()));
      case HUGE -> Reply.streamed(200, Reply.JSON, new HugeJsonBody(sim, fault.argument() * 1024 * 1024));
      default -> null;
    };
  }

  /** The first call of a client gets its token declared expired; the renewed token then passes. */
  private Reply expiredOnce(Authorized auth) {
    if (!sim.memory.firstTime(auth.client().clientId(), "expired-token")) {
      return null;
    }
    sim.memory.expire(auth.claims().jti());
    return BearerGuard.expired(auth.claims());
  }

  static Reply accessDenied400() {
    return Reply.json(400, DomoBodies.envelope(400, "Bad Request", "Infrastructure problem (403): Access is denied"));
  }

  private static Reply unavailable() {
    return Reply.json(503, DomoBodies.envelope(503, "Service Unavailable",
        "The service is temporarily unavailable. Please try again later."));
  }

  private static Reply rateLimited(long seconds, String retryAfter) {
    return Reply.json(429, DomoBodies.envelope(429, "Too Many Requests",
        "Rate limit exceeded. Retry after " + seconds + " seconds.")).withHeader("Retry-After", retryAfter);
  }
}
