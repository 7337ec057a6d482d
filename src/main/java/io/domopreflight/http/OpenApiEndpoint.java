package io.domopreflight.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of this API, hand-written in {@code openapi.json} beside
 * the code. Tests validate real responses against it, so it cannot drift from what the service sends.
 */
final class OpenApiEndpoint {

  static final String RESOURCE = "openapi.json";

  private final Buffer document;

  private OpenApiEndpoint(Buffer document) {
    this.document = document;
  }

  /** Reads the document once, from the classpath (the jar). */
  static Future<OpenApiEndpoint> load(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE).map(OpenApiEndpoint::new);
  }

  void describe(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(document);
  }
}
