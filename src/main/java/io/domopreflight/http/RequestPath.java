package io.domopreflight.http;

import io.vertx.core.http.HttpServerResponse;

/** Screens a request path before routing: Vert.x Web fails with an exception on a malformed percent-escape. */
final class RequestPath {

  private RequestPath() {
  }

  /** True when every {@code %} starts an escape of two hex digits. */
  static boolean isWellFormed(String path) {
    if (path == null) {
      return false;
    }
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  static void refuse(HttpServerResponse response) {
    Problem problem = Problem.of(400, "malformed-path", "Malformed path",
        "The request path has a broken %-escape; encode '%' as %25.");
    response.setStatusCode(400)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(problem.toJson().encode());
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
