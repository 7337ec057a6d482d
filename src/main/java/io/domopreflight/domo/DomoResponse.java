package io.domopreflight.domo;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

import java.util.Locale;

/**
 * What Domo answered, with the body read up to the client's cap.
 *
 * @param truncated  true when the body was longer than the cap and reading stopped there
 * @param retryAfter the raw {@code Retry-After} header, or null
 */
public record DomoResponse(int status, String contentType, String body, boolean truncated, String retryAfter,
                           String wwwAuthenticate) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public boolean isServerError() {
    return status >= 500;
  }

  /** The body as parsed JSON (object, array, ...), or null when it is not complete, valid JSON. */
  public Object json() {
    if (truncated || body == null || body.isBlank()) {
      return null;
    }
    try {
      return Json.decodeValue(stripBom(body));
    } catch (DecodeException notJson) {
      return null;
    }
  }

  /** True for an HTML page, whatever the content type claims (gateways and the instance host send those). */
  public boolean looksLikeHtml() {
    String start = body == null ? "" : stripBom(body).stripLeading().toLowerCase(Locale.ROOT);
    return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head")
        || start.startsWith("<body") || (contentType != null && contentType.contains("text/html") && json() == null);
  }

  /** The body, lower-cased, for matching Domo's error texts. */
  public String bodyLowerCase() {
    return body == null ? "" : body.toLowerCase(Locale.ROOT);
  }

  private static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
