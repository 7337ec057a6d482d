package io.domopreflight.http;

import io.domopreflight.run.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * An RFC 9457 problem reply: {@code {type, title, status, detail}} as {@code application/problem+json}, plus
 * {@code errors[{field, message}]} when a request was refused field by field.
 *
 * <p>The detail is always written by this service for the user; it never carries an exception message, a stack
 * trace or anything the caller sent.
 */
public record Problem(int status, String type, String title, String detail, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://domo-preflight.dev/problems/";

  public static Problem of(int status, String type, String title, String detail) {
    return new Problem(status, TYPE_BASE + type, title, detail, List.of());
  }

  public static Problem invalidRequest(String detail, List<FieldError> errors) {
    return new Problem(400, TYPE_BASE + "invalid-request", "Invalid preflight request", detail, List.copyOf(errors));
  }

  public static Problem notFound(String detail) {
    return of(404, "not-found", "Not found", detail);
  }

  /** The node is draining after SIGTERM; whichever layer notices first answers with this same problem. */
  public static Problem shuttingDown() {
    return of(503, "shutting-down", "Service shutting down", "This node is shutting down and takes no new runs; "
        + "retry in a few seconds, when another node or the restarted service takes it.");
  }

  public static Problem internal() {
    return of(500, "internal", "Internal error",
        "The service failed to handle this request. It has been logged; try again, and report it if it persists.");
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status)
        .put("detail", detail);
    if (!errors.isEmpty()) {
      json.put("errors", new JsonArray(errors.stream().map(FieldError::toJson).toList()));
    }
    return json;
  }

  /** Ends the exchange with this problem, unless a reply has already started. */
  public void send(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(toJson().encode());
  }
}
