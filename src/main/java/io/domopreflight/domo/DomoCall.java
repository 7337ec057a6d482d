package io.domopreflight.domo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * One HTTP call to Domo, before authentication is added.
 *
 * @param endpoint a short, secret-free name for messages and metrics, such as {@code GET /v1/datasets}
 */
public record DomoCall(HttpMethod method, String pathAndQuery, String contentType, Buffer body, String endpoint) {

  public static DomoCall get(String pathAndQuery, String endpoint) {
    return new DomoCall(HttpMethod.GET, pathAndQuery, null, null, endpoint);
  }

  public static DomoCall postJson(String path, String json, String endpoint) {
    return new DomoCall(HttpMethod.POST, path, "application/json", Buffer.buffer(json), endpoint);
  }

  public static DomoCall postForm(String path, String form, String endpoint) {
    return new DomoCall(HttpMethod.POST, path, "application/x-www-form-urlencoded", Buffer.buffer(form), endpoint);
  }
}
