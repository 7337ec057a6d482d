package io.domopreflight.http;

import io.domopreflight.run.RunRecord;
import io.domopreflight.run.RunStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/** {@code GET /api/v1/preflights/{id}/events}: a run's events as {@code text/event-stream}, resumable. */
final class EventsEndpoint {

  private static final Logger log = LoggerFactory.getLogger(EventsEndpoint.class);

  private final Vertx vertx;
  private final RunStore store;
  private final HttpConfig config;
  private final ApiKeys keys;
  private final RunFeeds feeds;
  private final AtomicInteger open;

  EventsEndpoint(Vertx vertx, RunStore store, HttpConfig config, ApiKeys keys, AtomicInteger open) {
    this.vertx = vertx;
    this.store = store;
    this.config = config;
    this.keys = keys;
    this.feeds = new RunFeeds(vertx, store);
    this.open = open;
  }

  /**
   * Subscribes first and reads the store second: the engine stores each event before publishing it, so every event
   * is either in what the store returns or still to come on the bus. The stream drops what it has already sent.
   */
  void follow(RoutingContext ctx) {
    if (open.get() >= config.maxStreams()) {
      ctx.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
      Problem.of(503, "too-many-streams", "Too many event streams",
          "This node already serves " + open.get() + " event streams (sse.maxClients); poll the run or try again "
              + "shortly.")
          .send(ctx);
      return;
    }
    String runId = ctx.pathParam("id");
    long lastEventId = lastEventId(ctx);
    if (lastEventId < 0) {
      // Event ids here are 1, 2, 3, ...; anything else did not come from this service.
      Problem.of(400, "invalid-last-event-id", "Invalid Last-Event-ID",
          "Last-Event-ID (or lastEventId) must be the id of an event of this run: a whole number from 0.").send(ctx);
      return;
    }
    EventStream stream = new EventStream(vertx, store, ctx.response(), runId, lastEventId, config, feeds);
    open.incrementAndGet();
    stream.whenClosed(open::decrementAndGet);

    feeds.join(runId, stream)
        .compose(v -> store.find(runId))
        .onSuccess(run -> {
          if (run == null || !mayRead(ctx, run)) {
            stream.discard();
            Problem.notFound("No run with id " + runId + " is known here; runs are kept for a limited time.")
                .send(ctx);
          } else {
            stream.open(run);
          }
        })
        .onFailure(err -> {
          log.error("Could not start the event stream of run {}", runId, err);
          stream.discard();
          Problem.internal().send(ctx);
        });
  }

  /** {@code HEAD}: the headers a {@code GET} would start the stream with, or its 404, and no events. */
  void probe(RoutingContext ctx) {
    String runId = ctx.pathParam("id");
    store.find(runId)
        .onSuccess(run -> {
          if (run == null || !mayRead(ctx, run)) {
            Problem.notFound("No run with id " + runId + " is known here; runs are kept for a limited time.")
                .send(ctx);
          } else {
            EventStream.streamHeaders(ctx.response()).end();
          }
        })
        .onFailure(ctx::fail);
  }

  /** Its own caller, or anyone holding the run's stream token; with no keys configured, anyone. */
  private boolean mayRead(RoutingContext ctx, RunRecord run) {
    if (keys.isOpen()) {
      return true;
    }
    String caller = ctx.get(AccessGuard.CALLER);
    return caller != null ? caller.equals(run.caller())
        : keys.opensStream(ctx.request().getParam(AccessGuard.STREAM_TOKEN), run.caller(), run.id());
  }

  /** The {@code Last-Event-ID} header an EventSource sends on reconnect, or the query parameter for a first link. */
  private static long lastEventId(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    String value = header != null ? header : ctx.request().getParam("lastEventId");
    if (value == null) {
      return 0;
    }
    // Digits only: the ids this service sends are 1, 2, 3, ...; "+3" or "0x3" is not one of them.
    String id = value.trim();
    return id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
  }
}
