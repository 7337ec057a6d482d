package io.domopreflight.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP surface's settings, read once from the verticle's flat, dotted configuration keys.
 *
 * @param heartbeatMs       how often an idle event stream gets a comment line, so proxies keep it open
 * @param maxBufferedBytes  how much an event stream may queue for a client that does not read before it is cut off
 * @param waitTimeoutMs     how long {@code ?wait=true} waits for the engine: the run's deadline plus a margin
 * @param scenarios         named demo presets for the page; empty when none are configured
 */
public record HttpConfig(String host, int port, long retentionMs, long maxBodyBytes, long heartbeatMs,
                         int maxBufferedBytes, long waitTimeoutMs, int retryAfterSeconds, JsonArray scenarios) {

  static final int DEFAULT_PORT = 8080;
  static final String DEFAULT_HOST = "0.0.0.0";
  static final long DEFAULT_RETENTION_SECONDS = 3600;
  static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  static final double DEFAULT_HEARTBEAT_SECONDS = 15;
  static final int DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;
  static final long DEFAULT_RUN_DEADLINE_MS = 30_000;
  static final long WAIT_MARGIN_MS = 5_000;
  static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

  public static HttpConfig from(JsonObject config) {
    return new HttpConfig(
        config.getString("http.host", DEFAULT_HOST),
        config.getInteger("http.port", DEFAULT_PORT),
        config.getLong("runs.retentionSeconds", DEFAULT_RETENTION_SECONDS) * 1000,
        config.getLong("http.maxBodyBytes", DEFAULT_MAX_BODY_BYTES),
        Math.round(config.getDouble("sse.heartbeatSeconds", DEFAULT_HEARTBEAT_SECONDS) * 1000),
        config.getInteger("sse.maxBufferedBytes", DEFAULT_MAX_BUFFERED_BYTES),
        config.getLong("run.deadlineMs", DEFAULT_RUN_DEADLINE_MS) + WAIT_MARGIN_MS,
        config.getInteger("http.retryAfterSeconds", DEFAULT_RETRY_AFTER_SECONDS),
        config.getJsonArray("demo.scenarios", new JsonArray()));
  }
}
