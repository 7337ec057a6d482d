package io.domopreflight.http;

import io.domopreflight.run.InvalidRequestException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a refusal or failure of the engine, as it comes back over the event bus, into a problem reply. */
final class EngineFailure {

  private static final Logger log = LoggerFactory.getLogger(EngineFailure.class);
  private static final int TOO_MANY_RUNS = 429;
  private static final int SHUTTING_DOWN = 503;

  private final RoutingContext ctx;
  private final String secret;
  private final HttpConfig config;

  /** @param secret what the caller sent as its client secret, so that it can be kept out of the log */
  EngineFailure(RoutingContext ctx, Object secret, HttpConfig config) {
    this.ctx = ctx;
    this.secret = secret instanceof String text && !text.isEmpty() ? text : null;
    this.config = config;
  }

  void send(Throwable failure) {
    if (!(failure instanceof ReplyException reply)) {
      internal(failure.getClass().getName());
      return;
    }

    switch (reply.failureType()) {
      case NO_HANDLERS -> unavailable("The preflight engine is not running on this service; try again shortly.");
      case TIMEOUT -> unavailable("The preflight engine did not answer in time; try again shortly.");
      case RECIPIENT_FAILURE -> refusal(reply);
      default -> internal(reply.failureType() + " " + reply.failureCode());
    }
  }

  private void refusal(ReplyException reply) {
    if (reply.failureCode() == InvalidRequestException.FAILURE_CODE) {
      InvalidRequestException invalid = InvalidRequestException.fromWire(reply.getMessage());
      if (invalid != null) {
        Problem.invalidRequest("The preflight request has invalid fields: " + invalid.getMessage(), invalid.errors())
            .send(ctx);
        return;
      }
    }
    if (reply.failureCode() == SHUTTING_DOWN) {
      // A request that passed the HTTP check just before the drain began: the same answer as one that did not.
      ctx.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
      Problem.shuttingDown().send(ctx);
      return;
    }
    if (reply.failureCode() == TOO_MANY_RUNS) {
      ctx.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
      String detail = reply.getMessage() == null || reply.getMessage().isBlank()
          ? "Too many preflight runs are in progress; wait a few seconds and try again."
          : redacted(reply.getMessage());
      Problem.of(TOO_MANY_RUNS, "too-many-runs", "Too many runs", detail).send(ctx);
      return;
    }
    internal("code " + reply.failureCode() + ": " + reply.getMessage());
  }

  private void unavailable(String detail) {
    log.warn("Preflight engine unavailable: {}", detail);
    ctx.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
    Problem.of(503, "engine-unavailable", "Preflight engine unavailable", detail).send(ctx);
  }

  private void internal(String what) {
    log.error("The preflight engine failed a request: {}", redacted(what));
    Problem.internal().send(ctx);
  }

  /** Engine messages are not ours to vouch for; a secret the caller sent is cut out before anything is logged. */
  private String redacted(String text) {
    return secret == null || text == null ? text : text.replace(secret, "[redacted]");
  }
}
