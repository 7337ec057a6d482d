package io.domopreflight.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * One run event as written on an event stream, encoded once: every client following the run is sent the same bytes.
 *
 * @param seq  the event's number in its run, which is also its SSE id
 */
record SseFrame(long seq, String type, Buffer bytes) {

  /** From an event as the coordinator publishes and stores it: {@code {seq, type, data}}. */
  static SseFrame of(JsonObject event) {
    long seq = event.getLong("seq", 0L);
    String type = event.getString("type");
    String text = "id: " + seq + "\nevent: " + type + "\ndata: " + event.getJsonObject("data").encode() + "\n\n";
    return new SseFrame(seq, type, Buffer.buffer(text));
  }

  boolean isDone() {
    return "done".equals(type);
  }
}
