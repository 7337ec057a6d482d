package io.domopreflight.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event loop's share of the fan-out clients: each opens a run's event stream and, when the {@code done} event
 * arrives, takes the time since the coordinator recorded it (the report's {@code finishedAt}) as the delivery delay.
 * Opening is paced so that the service's accept queue never overflows.
 */
final class EventStreamClients extends VerticleBase {

  private static final int OPENING_AT_ONCE = 64;

  /** Counters shared by every share of the clients. */
  static final class Tally {
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();
    final AtomicInteger replayed = new AtomicInteger();
    final Timings delays = new Timings();
  }

  private final int port;
  private final List<String> paths;
  private final Tally tally;
  private HttpClientAgent client;
  private int next;

  EventStreamClients(int port, List<String> paths, Tally tally) {
    this.port = port;
    this.paths = paths;
    this.tally = tally;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0),
        new PoolOptions().setHttp1MaxSize(paths.size() + 1).setMaxWaitQueueSize(-1));
    for (int i = 0; i < Math.min(OPENING_AT_ONCE, paths.size()); i++) {
      openNext();
    }
    return Future.succeededFuture();
  }

  private void openNext() {
    if (next >= paths.size()) {
      return;
    }
    String path = paths.get(next++);
    RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(path).putHeader("Accept", "text/event-stream");
    client.request(get)
        .compose(request -> request.send())
        .onSuccess(response -> {
          if (response.statusCode() == 200) {
            tally.connected.incrementAndGet();
            follow(response, System.currentTimeMillis());
          } else {
            tally.refused.incrementAndGet();
          }
          openNext();
        })
        .onFailure(err -> {
          tally.refused.incrementAndGet();
          openNext();
        });
  }

  private void follow(HttpClientResponse response, long connectedAt) {
    StringBuilder pending = new StringBuilder();
    response.handler((Buffer chunk) -> {
      long receivedAt = System.currentTimeMillis();
      pending.append(chunk.toString());
      int end;
      while ((end = pending.indexOf("\n\n")) >= 0) {
        frame(pending.substring(0, end), receivedAt, connectedAt);
        pending.delete(0, end + 2);
      }
    });
    response.exceptionHandler(err -> tally.ended.incrementAndGet());
    response.endHandler(v -> tally.ended.incrementAndGet());
  }

  private void frame(String frame, long receivedAt, long connectedAt) {
    if (!frame.contains("event: done")) {
      return;
    }
    String data = frame.substring(frame.indexOf("data: ") + 6);
    long recordedAt = Instant.parse(new JsonObject(data).getString("finishedAt")).toEpochMilli();
    if (connectedAt > recordedAt) {
      // Connected after the verdict: the event came from the store's replay, not the live fan-out.
      tally.replayed.incrementAndGet();
      return;
    }
    tally.delays.add(Math.max(0, receivedAt - recordedAt) * 1_000_000L);
  }

  @Override
  public Future<?> stop() {
    return client.close();
  }
}
