package io.domopreflight.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint would answer if nothing went wrong, before faults reshape it. The body is either whole
 * ({@code body}) or streamed ({@code stream}).
 */
record Reply(int status, String contentType, Map<String, String> headers, Buffer body, ChunkSource stream) {

  static final String JSON = "application/json;charset=UTF-8";
  static final String HTML = "text/html";
  static final String CSV = "text/csv;charset=UTF-8";

  Reply {
    headers = Map.copyOf(headers);
  }

  static Reply json(int status, JsonObject body) {
    return new Reply(status, JSON, Map.of(), body.toBuffer(), null);
  }

  static Reply json(int status, JsonArray body) {
    return new Reply(status, JSON, Map.of(), body.toBuffer(), null);
  }

  static Reply html(int status, String page) {
    return new Reply(status, HTML, Map.of(), Buffer.buffer(page), null);
  }

  static Reply empty(int status) {
    return new Reply(status, null, Map.of(), Buffer.buffer(), null);
  }

  static Reply streamed(int status, String contentType, ChunkSource stream) {
    return new Reply(status, contentType, Map.of(), null, stream);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, contentType, more, body, stream);
  }

  Reply withContentType(String newType) {
    return new Reply(status, newType, headers, body, stream);
  }

  Reply withBody(Buffer newBody) {
    return new Reply(status, contentType, headers, newBody, null);
  }

  boolean isStreamed() {
    return stream != null;
  }

  /** The body as a source of pieces, whichever way it is held. */
  ChunkSource source() {
    return isStreamed() ? stream : ChunkSource.of(body);
  }
}
