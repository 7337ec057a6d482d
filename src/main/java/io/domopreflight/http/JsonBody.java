package io.domopreflight.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The checks a JSON request body passes before the engine sees it: syntax and shape. */
final class JsonBody {

  private JsonBody() {
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
