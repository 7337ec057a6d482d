package io.domopreflight.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests that HTTP decoding already refused (a request line or headers over Vert.x's limits, a broken
 * {@code Content-Length}) with a problem, like every other refusal of this service, instead of Vert.x's empty body.
 * The connection is closed afterwards: after a decoding failure the rest of its bytes cannot be trusted.
 */
final class InvalidRequests {

  private InvalidRequests() {
  }

  static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    send(request, refusal(cause));
  }

  /**
   * Answers a request line with an HTTP version other than 1.0 or 1.1 ({@code HTTP/2.0} without negotiation,
   * {@code HTTP/9.9}): the caller's mistake, so a 400 that says which versions are spoken.
   */
  static void unsupportedVersion(HttpServerRequest request) {
    send(request, Problem.of(400, "unsupported-http-version", "Unsupported HTTP version", "This service speaks "
        + "HTTP/1.1 and HTTP/1.0; send the request again with one of those."));
  }

  /** Answers a request with more than one Host header, which RFC 9112 says must get a 400: which one is meant? */
  static void severalHosts(HttpServerRequest request) {
    send(request, Problem.of(400, "malformed-http", "Malformed HTTP request", "The request has more than one Host "
        + "header; send exactly one."));
  }

  private static Problem refusal(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return Problem.of(414, "uri-too-long", "URI too long", "The request line is longer than this service reads;"
          + " run ids and paths are short, so check the address.");
    }
    if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      return Problem.of(431, "headers-too-large", "Request headers too large", "The request headers are larger "
          + "than this service reads; send only the headers the API needs.");
    }
    return Problem.of(400, "malformed-http", "Malformed HTTP request", "The request could not be read as "
        + "HTTP/1.1 (for example a broken Content-Length or header line).");
  }

  private static void send(HttpServerRequest request, Problem problem) {
    request.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Connection", "close")
        .end(problem.toJson().encode())
        .onComplete(sent -> request.connection().close());
  }
}
