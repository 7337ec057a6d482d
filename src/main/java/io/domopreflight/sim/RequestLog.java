package io.domopreflight.sim;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every request the simulator received, so tests can assert what a client really sent. Secrets never enter it: the
 * Authorization header is reduced to its scheme and client id, and secret-looking form fields are masked.
 */
final class RequestLog {

  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-domo-developer-token", "cookie",
      "proxy-authorization");
  private static final Set<String> SECRET_FIELDS = Set.of("client_secret", "password", "access_token", "token");

  private final List<JsonObject> entries = new ArrayList<>();
  private long sequence;

  synchronized JsonObject record(String method, String path, String query, MultiMap headers, String authScheme,
                                 String clientId) {
    JsonObject entry = new JsonObject()
        .put("seq", ++sequence)
        .put("at", Instant.now().toString())
        .put("method", method)
        .put("path", path)
        .put("query", query)
        .put("headers", safeHeaders(headers))
        .put("authScheme", authScheme)
        .put("clientId", clientId);
    entries.add(entry);
    return entry;
  }

  synchronized void addForm(JsonObject entry, MultiMap form) {
    JsonObject json = new JsonObject();
    form.names().forEach(name -> json.put(name, SECRET_FIELDS.contains(name.toLowerCase(Locale.ROOT)) ? "***"
        : form.get(name)));
    entry.put("form", json);
  }

  synchronized void addBody(JsonObject entry, Object body) {
    entry.put("body", body);
  }

  /** Closes the entry; the byte counts are body bytes (headers excluded), so benchmarks can sum traffic. */
  synchronized void finish(JsonObject entry, Integer status, long durationMs, long requestBytes, long responseBytes) {
    entry.put("status", status).put("durationMs", durationMs).put("requestBytes", requestBytes)
        .put("responseBytes", responseBytes);
  }

  synchronized List<JsonObject> snapshot() {
    return entries.stream().map(JsonObject::copy).toList();
  }

  synchronized JsonArray toJson() {
    return new JsonArray(snapshot());
  }

  synchronized void clear() {
    entries.clear();
  }

  private static JsonObject safeHeaders(MultiMap headers) {
    JsonObject json = new JsonObject();
    headers.names().stream()
        .filter(name -> !SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
        .forEach(name -> json.put(name.toLowerCase(Locale.ROOT), String.join(", ", headers.getAll(name))));
    return json;
  }
}
