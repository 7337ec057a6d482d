package io.domopreflight.http;

import io.domopreflight.metrics.Meters;
import io.domopreflight.run.RunRecord;
import io.domopreflight.run.RunStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.TreeMap;

/**
 * One client's server-sent event stream of one run, written by hand.
 *
 * <p>Events are written strictly in sequence: each carries the run's {@code seq} as its id, an event that was
 * already sent is dropped, and one that arrives early waits until the events before it are written. Gaps are filled
 * from the run store, which holds every event before it is published; the same store read on every heartbeat also
 * recovers an event the best-effort event bus lost. The stream ends after the {@code done} event. Live events come
 * from the run's {@link RunFeeds feed}, already framed.
 */
final class EventStream {

  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  private static final int RETRY_MS = 2000;
  private static final int MAX_HELD_EVENTS = 1000;

  private final Vertx vertx;
  private final RunStore store;
  private final HttpServerResponse response;
  private final String runId;
  private final HttpConfig config;
  private final RunFeeds feeds;
  private final TreeMap<Long, SseFrame> held = new TreeMap<>();
  private long lastSent;
  private long heartbeat = -1;
  private boolean opened;
  private boolean closed;
  private boolean catchingUp;
  private Runnable onClose = () -> { };

  EventStream(Vertx vertx, RunStore store, HttpServerResponse response, String runId, long lastEventId,
              HttpConfig config, RunFeeds feeds) {
    this.vertx = vertx;
    this.feeds = feeds;
    this.store = store;
    this.response = response;
    this.runId = runId;
    this.lastSent = lastEventId;
    this.config = config;
    response.closeHandler(v -> close());
    response.exceptionHandler(err -> close());
  }

  /** Called once when the stream ends, however it ends. */
  void whenClosed(Runnable action) {
    this.onClose = action;
  }

  /** Ends the stream before it opened, when the endpoint answers with a problem instead. */
  void discard() {
    close();
  }

  boolean isClosed() {
    return closed;
  }

  /** The headers of an event stream: proxies must neither cache nor buffer it. */
  static HttpServerResponse streamHeaders(HttpServerResponse response) {
    return response.putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
  }

  /** Starts the response, replays what the store holds after the client's last event, then goes live. */
  void open(RunRecord run) {
    if (closed) {
      return;
    }
    if (run.isDone() && lastSent >= run.lastSeq()) {
      // 204 tells an EventSource that there is nothing more to follow, so it stops reconnecting.
      response.setStatusCode(204).end();
      close();
      return;
    }

    streamHeaders(response.setChunked(true).setWriteQueueMaxSize(config.maxBufferedBytes()));
    response.writeHead();
    opened = true;
    Meters.of(vertx).eventStreams().incrementAndGet();
    write("retry: " + RETRY_MS + "\n\n");

    replay(run);
    deliverHeld();
    if (!closed) {
      heartbeat = vertx.setPeriodic(config.heartbeatMs(), id -> beat());
    }
  }

  /** Takes one event from the live feed: writes it if it is next, keeps it if it is early, drops it if it is old. */
  void offer(SseFrame event) {
    long seq = event.seq();
    if (closed) {
      return;
    }
    if (seq <= lastSent) {
      // The client has this event already, or names an id past it. The run's last event still ends the stream:
      // otherwise a client ahead of the run would be held open, heartbeat after heartbeat, once the run is over.
      if (event.isDone() && opened) {
        endStream();
      }
      return;
    }
    if (!opened || seq > lastSent + 1) {
      hold(seq, event);
      if (opened) {
        catchUp();
      }
      return;
    }
    send(event);
    deliverHeld();
  }

  private void hold(long seq, SseFrame event) {
    held.put(seq, event);
    if (held.size() > MAX_HELD_EVENTS) {
      log.warn("Run {}: stream fell {} events behind; closing it so the client reconnects and replays", runId,
          held.size());
      response.reset();
      close();
    }
  }

  private void replay(RunRecord run) {
    run.events().stream()
        .map(JsonObject.class::cast)
        .filter(event -> event.getLong("seq") > lastSent)
        .forEach(event -> offer(SseFrame.of(event)));
  }

  private void deliverHeld() {
    while (!closed && !held.isEmpty() && held.firstKey() <= lastSent + 1) {
      SseFrame next = held.pollFirstEntry().getValue();
      if (next.seq() == lastSent + 1) {
        send(next);
      }
    }
  }

  private void beat() {
    write(": heartbeat\n\n");
    catchUp();
  }

  private void catchUp() {
    if (catchingUp || closed) {
      return;
    }
    catchingUp = true;
    store.find(runId)
        .onComplete(found -> catchingUp = false)
        .onSuccess(run -> {
          if (run == null) {
            log.info("Run {} was forgotten while a client followed it; ending its stream", runId);
            response.end();
            close();
          } else if (run.isDone() && lastSent >= run.lastSeq()) {
            // Its done event went by while this client was ahead of it (or the bus lost it): nothing more will come.
            endStream();
          } else {
            replay(run);
            deliverHeld();
          }
        })
        .onFailure(err -> log.warn("Run {}: could not read the run store to fill the stream; will retry", runId,
            err));
  }

  private void send(SseFrame event) {
    lastSent = event.seq();
    write(event.bytes());
    if (event.isDone() && !closed) {
      endStream();
    }
  }

  private void endStream() {
    response.end();
    close();
  }

  private void write(String text) {
    write(Buffer.buffer(text));
  }

  private void write(Buffer frame) {
    if (closed) {
      return;
    }
    response.write(frame);
    if (response.writeQueueFull()) {
      // The client does not read: rather than buffer without bound, cut it off. It can reconnect with its last
      // event id and the store replays the rest.
      log.warn("Run {}: an event-stream client stopped reading; closing its connection", runId);
      response.reset();
      close();
    }
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    onClose.run();
    held.clear();
    if (opened) {
      Meters.of(vertx).eventStreams().decrementAndGet();
    }
    if (heartbeat >= 0) {
      vertx.cancelTimer(heartbeat);
    }
    feeds.leave(runId, this);
  }
}
