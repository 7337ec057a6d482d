package io.domopreflight.domo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * One HTTP call to Domo, before authentication is added.
 *
 * @param endpoint     a short, secret-free name for messages and metrics, such as {@code GET /v1/datasets}
 * @param maxBodyBytes how much of the answer to read at most; 0 means the client's default cap
 */
public record DomoCall(HttpMethod method, String pathAndQuery, String contentType, Buffer body, String endpoint,
                       int maxBodyBytes) {

  public static DomoCall get(String pathAndQuery, String endpoint) {
    return new DomoCall(HttpMethod.GET, pathAndQuery, null, null, endpoint, 0);
  }

  public static DomoCall postJson(String path, String json, String endpoint) {
    return new DomoCall(HttpMethod.POST, path, "application/json", Buffer.buffer(json), endpoint, 0);
  }

  public static DomoCall postForm(String path, String form, String endpoint) {
    return new DomoCall(HttpMethod.POST, path, "application/x-www-form-urlencoded", Buffer.buffer(form), endpoint,
        0);
  }

  /** The same call, reading at most {@code bytes} of the answer. */
  public DomoCall readingAtMost(int bytes) {
    return new DomoCall(method, pathAndQuery, contentType, body, endpoint, bytes);
  }
}
