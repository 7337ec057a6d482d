package io.domopreflight.http;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per caller ({@code auth.requestsPerMinute}): a caller may burst up to a minute's worth of requests,
 * then one more each time the bucket refills a token. One per node, shared by the HTTP verticle's instances (one per
 * core, each on its own event loop), so the limit is per node whatever the number of cores; the number of buckets is
 * bounded by the number of configured keys.
 */
final class RequestBudget implements Shareable {

  private static final String MAP = "preflight.requestBudget";

  private final int perMinute;
  private final Map<String, Bucket> buckets = new HashMap<>();

  /** @param perMinute requests per minute per caller; 0 or less turns the limit off */
  RequestBudget(int perMinute) {
    this.perMinute = perMinute;
  }

  /** The node's budget, created with {@code perMinute} by the first HTTP verticle instance that asks. */
  static RequestBudget of(Vertx vertx, int perMinute) {
    LocalMap<String, RequestBudget> map = vertx.sharedData().getLocalMap(MAP);
    RequestBudget created = new RequestBudget(perMinute);
    RequestBudget existing = map.putIfAbsent(MAP, created);
    return existing != null ? existing : created;
  }

  /** @return 0 when the request may go ahead, else how many milliseconds until it could */
  synchronized long take(String caller, long nowMs) {
    if (perMinute <= 0) {
      return 0;
    }
    Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(perMinute, nowMs));
    bucket.refill(perMinute, nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - bucket.tokens) * 60_000.0 / perMinute);
  }

  private static final class Bucket {
    private double tokens;
    private long updatedMs;

    Bucket(int capacity, long nowMs) {
      this.tokens = capacity;
      this.updatedMs = nowMs;
    }

    void refill(int perMinute, long nowMs) {
      tokens = Math.min(perMinute, tokens + (nowMs - updatedMs) * perMinute / 60_000.0);
      updatedMs = nowMs;
    }
  }
}
