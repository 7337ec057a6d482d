package io.domopreflight.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The checks every JSON request body passes before the engine sees it: media type, then syntax and shape. */
final class JsonBody {

  private JsonBody() {
  }

  /** Refuses, with 415, a body that is not declared as JSON; runs before the body is read. */
  static void requireJsonMediaType(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
    if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      ctx.next();
      return;
    }
    Problem.of(415, "unsupported-media-type", "Unsupported media type",
        "Send the preflight request as JSON with the header Content-Type: application/json.").send(ctx);
  }

  /** The body as a JSON object, or {@code null} after replying 400 when it is empty, malformed or not an object. */
  static JsonObject objectOrRefuse(RoutingContext ctx) {
    Object value;
    try {
      value = ctx.body().isEmpty() ? null : Json.decodeValue(ctx.body().buffer());
    } catch (DecodeException malformed) {
      refuse(ctx, "The request body is not valid JSON. Send one JSON object.");
      return null;
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    refuse(ctx, "The request body must be one JSON object with clientId, clientSecret and domoStats.");
    return null;
  }

  private static void refuse(RoutingContext ctx, String detail) {
    Problem.of(400, "malformed-body", "Malformed request body", detail).send(ctx);
  }
}
