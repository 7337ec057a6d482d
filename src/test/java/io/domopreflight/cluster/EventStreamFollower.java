package io.domopreflight.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Follows one run's event stream over the core HTTP client, frame by frame as it arrives, and reconnects with
 * {@code Last-Event-ID} whenever the connection drops before {@code done}, as a browser's EventSource does.
 */
final class EventStreamFollower {

  private static final long RECONNECT_DELAY_MS = 200;

  final String runId;
  /** Every event id received, in order, across all connections. */
  final List<Long> ids = Collections.synchronizedList(new ArrayList<>());
  private final Vertx vertx;
  private final HttpClient client;
  private final int port;
  private final Promise<JsonObject> done = Promise.promise();
  private volatile long lastId;
  private volatile int connections;
  private volatile long doneAtNanos;

  private EventStreamFollower(Vertx vertx, HttpClient client, int port, String runId) {
    this.vertx = vertx;
    this.client = client;
    this.port = port;
    this.runId = runId;
  }

  /** Starts following on one of {@code vertx}'s event loops. */
  static EventStreamFollower follow(Vertx vertx, HttpClient client, int port, String runId) {
    EventStreamFollower follower = new EventStreamFollower(vertx, client, port, runId);
    vertx.runOnContext(v -> follower.connect());
    return follower;
  }

  /** Completes with the report carried by {@code done}. */
  Future<JsonObject> done() {
    return done.future();
  }

  long doneAtNanos() {
    return doneAtNanos;
  }

  int connections() {
    return connections;
  }

  private void connect() {
    connections++;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI("/api/v1/preflights/" + runId + "/events").addHeader("Accept", "text/event-stream");
    if (lastId > 0) {
      options.addHeader("Last-Event-ID", String.valueOf(lastId));
    }
    client.request(options)
        .compose(request -> request.send())
        .onSuccess(response -> {
          if (response.statusCode() != 200) {
            response.body().onComplete(body -> reconnect());
            return;
          }
          response.handler(RecordParser.newDelimited("\n\n", this::frame));
          response.endHandler(v -> reconnect());
          response.exceptionHandler(err -> reconnect());
        })
        .onFailure(err -> reconnect());
  }

  private void reconnect() {
    if (!done.future().isComplete()) {
      vertx.setTimer(RECONNECT_DELAY_MS, t -> connect());
    }
  }

  private void frame(Buffer block) {
    Long id = null;
    String event = null;
    String data = null;
    for (String line : block.toString().split("\n")) {
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
    if (id == null) {
      return;
    }
    ids.add(id);
    lastId = id;
    if ("done".equals(event) && done.tryComplete(new JsonObject(data))) {
      doneAtNanos = System.nanoTime();
    }
  }
}
