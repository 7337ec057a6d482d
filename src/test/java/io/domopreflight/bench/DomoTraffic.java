package io.domopreflight.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a client sent to and read from Domo, summed from the simulator's request log (body bytes; headers, a few
 * hundred bytes per request, are not counted by either side).
 *
 * @param queryRequests  the calls to the query API, which the DomoStats checks make
 * @param maxQueryBytes  the largest answer of one query call
 */
record DomoTraffic(int requests, long bytesSent, long bytesRead, int queryRequests, long maxQueryBytes) {

  static DomoTraffic of(JsonArray log) {
    int requests = 0;
    long sent = 0;
    long read = 0;
    int queries = 0;
    long maxQuery = 0;
    for (Object item : log) {
      JsonObject entry = (JsonObject) item;
      requests++;
      sent += entry.getLong("requestBytes", 0L);
      long answer = entry.getLong("responseBytes", 0L);
      read += answer;
      if (entry.getString("path", "").startsWith("/v1/datasets/query/execute/")) {
        queries++;
        maxQuery = Math.max(maxQuery, answer);
      }
    }
    return new DomoTraffic(requests, sent, read, queries, maxQuery);
  }
}
