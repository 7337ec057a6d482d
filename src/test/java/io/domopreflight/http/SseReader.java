package io.domopreflight.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.http.HttpClientInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Reads a {@code text/event-stream} frame by frame as it arrives, over the core HTTP client. */
final class SseReader {

  /** One block of the stream; a heartbeat is a block with only a comment. */
  record Frame(Long id, String event, String data, Integer retry, String comment) {

    JsonObject json() {
      return new JsonObject(data);
    }
  }

  private final HttpClientResponse response;
  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final Promise<List<Frame>> ended = Promise.promise();

  private record Waiter(Predicate<List<Frame>> condition, Promise<List<Frame>> promise) {
  }

  private SseReader(HttpClientResponse response) {
    this.response = response;
    response.handler(RecordParser.newDelimited("\n\n", this::frame));
    response.endHandler(v -> ended.tryComplete(List.copyOf(frames)));
    response.exceptionHandler(ended::tryFail);
  }

  /** Opens the stream; completes once the status and headers are in. */
  static Future<SseReader> open(HttpClient client, int port, String path, MultiMap headers) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(path).setHeaders(headers).addHeader("Accept", "text/event-stream");
    // Sent from a context of the client's Vert.x, the response's head, chunks and end reach that context in order,
    // so the handlers are set before any chunk; from a test thread, a short stream could end before they were.
    Context context = ((HttpClientInternal) client).vertx().getOrCreateContext();
    Promise<SseReader> opened = Promise.promise();
    context.runOnContext(v -> client.request(options).compose(request -> request.send()).map(SseReader::new)
        .onComplete(opened));
    return opened.future();
  }

  HttpClientResponse response() {
    return response;
  }

  /** Events, that is frames with an id; heartbeats and the retry hint are left out. */
  List<Frame> events() {
    return frames.stream().filter(f -> f.id() != null).toList();
  }

  List<Frame> frames() {
    return List.copyOf(frames);
  }

  /** Completes with every frame when the server ends the stream. */
  Future<List<Frame>> ended() {
    return ended.future();
  }

  /** Completes as soon as the frames read so far satisfy the condition. */
  synchronized Future<List<Frame>> until(Predicate<List<Frame>> condition) {
    if (condition.test(frames)) {
      return Future.succeededFuture(List.copyOf(frames));
    }
    Promise<List<Frame>> promise = Promise.promise();
    waiters.add(new Waiter(condition, promise));
    return promise.future();
  }

  Future<List<Frame>> untilEvents(int count) {
    return until(all -> all.stream().filter(f -> f.id() != null).count() >= count);
  }

  Future<Void> close() {
    return response.request().connection().close();
  }

  private synchronized void frame(Buffer block) {
    frames.add(parse(block.toString()));
    waiters.removeIf(waiter -> waiter.condition().test(frames) && waiter.promise().tryComplete(List.copyOf(frames)));
  }

  private static Frame parse(String block) {
    Long id = null;
    String event = null;
    Integer retry = null;
    String comment = null;
    List<String> data = new ArrayList<>();
    for (String line : block.split("\n", -1)) {
      if (line.startsWith(":")) {
        comment = line.substring(1).trim();
      } else if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.add(line.substring(6));
      } else if (line.startsWith("retry: ")) {
        retry = Integer.parseInt(line.substring(7));
      } else if (!line.isEmpty()) {
        throw new IllegalStateException("Not an SSE line: " + line);
      }
    }
    return new Frame(id, event, data.isEmpty() ? null : String.join("\n", data), retry, comment);
  }
}
