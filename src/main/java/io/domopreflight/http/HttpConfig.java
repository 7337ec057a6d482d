package io.domopreflight.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The HTTP surface's settings, read once from the verticle's flat, dotted configuration keys.
 *
 * @param heartbeatMs       how often an idle event stream gets a comment line, so proxies keep it open
 * @param maxBufferedBytes  how much an event stream may queue for a client that does not read before it is cut off
 * @param waitTimeoutMs     how long {@code ?wait=true} waits for the engine: the run's deadline plus a margin
 * @param scenarios         named demo presets for the page; empty when none are configured
 * @param apiKeys           {@code auth.apiKeys}; empty leaves the API open
 * @param requestsPerMinute {@code auth.requestsPerMinute} per API key; 0 turns the limit off
 * @param maxStreams        {@code sse.maxClients}: event streams this node serves at once
 * @param corsOrigins       {@code http.corsOrigins}: origins whose pages may call the API; empty turns CORS off
 * @param serverNames       {@code http.serverNames}: host names requests may address; empty accepts any
 * @param bodyTimeoutMs     {@code http.bodyTimeoutSeconds}: time a client has to send a request's body
 * @param idleTimeoutMs     {@code http.idleTimeoutSeconds}, raised when needed so that it never cuts off a
 *                          {@code ?wait=true} request or an event stream between heartbeats
 */
public record HttpConfig(String host, int port, long retentionMs, long maxBodyBytes, long heartbeatMs,
                         int maxBufferedBytes, long waitTimeoutMs, int retryAfterSeconds, JsonArray scenarios,
                         List<String> apiKeys, int requestsPerMinute, int maxStreams, List<String> corsOrigins,
                         List<String> serverNames, long bodyTimeoutMs, long idleTimeoutMs) {

  static final int DEFAULT_PORT = 8080;
  static final String DEFAULT_HOST = "0.0.0.0";
  static final long DEFAULT_RETENTION_SECONDS = 3600;
  static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  static final double DEFAULT_HEARTBEAT_SECONDS = 15;
  static final int DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;
  static final long DEFAULT_RUN_DEADLINE_MS = 30_000;
  static final long WAIT_MARGIN_MS = 5_000;
  static final int DEFAULT_RETRY_AFTER_SECONDS = 5;
  static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
  static final int DEFAULT_MAX_STREAMS = 1000;
  static final long DEFAULT_BODY_TIMEOUT_SECONDS = 10;
  // Above the 60 s that clients such as Vert.x keep an idle connection, so that they, not the server, close it.
  static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 75;

  public static HttpConfig from(JsonObject config) {
    long heartbeatMs = Math.round(config.getDouble("sse.heartbeatSeconds", DEFAULT_HEARTBEAT_SECONDS) * 1000);
    long waitTimeoutMs = config.getLong("run.deadlineMs", DEFAULT_RUN_DEADLINE_MS) + WAIT_MARGIN_MS;
    long idleTimeoutMs = Math.max(config.getLong("http.idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000,
        Math.max(waitTimeoutMs + 1_000, 2 * heartbeatMs));
    return new HttpConfig(
        config.getString("http.host", DEFAULT_HOST),
        config.getInteger("http.port", DEFAULT_PORT),
        config.getLong("runs.retentionSeconds", DEFAULT_RETENTION_SECONDS) * 1000,
        config.getLong("http.maxBodyBytes", DEFAULT_MAX_BODY_BYTES),
        heartbeatMs,
        config.getInteger("sse.maxBufferedBytes", DEFAULT_MAX_BUFFERED_BYTES),
        waitTimeoutMs,
        config.getInteger("http.retryAfterSeconds", DEFAULT_RETRY_AFTER_SECONDS),
        config.getJsonArray("demo.scenarios", new JsonArray()),
        strings(config, "auth.apiKeys"),
        config.getInteger("auth.requestsPerMinute", DEFAULT_REQUESTS_PER_MINUTE),
        config.getInteger("sse.maxClients", DEFAULT_MAX_STREAMS),
        strings(config, "http.corsOrigins"),
        strings(config, "http.serverNames"),
        config.getLong("http.bodyTimeoutSeconds", DEFAULT_BODY_TIMEOUT_SECONDS) * 1000,
        idleTimeoutMs);
  }

  private static List<String> strings(JsonObject config, String key) {
    return config.getJsonArray(key, new JsonArray()).stream().map(String::valueOf).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public String toString() {
    // The record's own toString would print the API keys.
    return "HttpConfig[" + host + ":" + port + ", " + apiKeys.size() + " API key(s)]";
  }
}
