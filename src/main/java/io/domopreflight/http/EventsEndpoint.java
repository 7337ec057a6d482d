package io.domopreflight.http;

import io.domopreflight.Addresses;
import io.domopreflight.run.RunStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/preflights/{id}/events}: a run's events as {@code text/event-stream}, resumable. */
final class EventsEndpoint {

  private static final Logger log = LoggerFactory.getLogger(EventsEndpoint.class);

  private final Vertx vertx;
  private final RunStore store;
  private final HttpConfig config;

  EventsEndpoint(Vertx vertx, RunStore store, HttpConfig config) {
    this.vertx = vertx;
    this.store = store;
    this.config = config;
  }

  /**
   * Subscribes first and reads the store second: the engine stores each event before publishing it, so every event
   * is either in what the store returns or still to come on the bus. The stream drops what it has already sent.
   */
  void follow(RoutingContext ctx) {
    String runId = ctx.pathParam("id");
    EventStream stream = new EventStream(vertx, store, ctx.response(), runId, lastEventId(ctx), config);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.events(runId));
    stream.follow(consumer);

    consumer.completion()
        .compose(v -> store.find(runId))
        .onSuccess(run -> {
          if (run == null) {
            consumer.unregister();
            Problem.notFound("No run with id " + runId + " is known here; runs are kept for a limited time.")
                .send(ctx);
          } else {
            stream.open(run);
          }
        })
        .onFailure(err -> {
          log.error("Could not start the event stream of run {}", runId, err);
          consumer.unregister();
          Problem.internal().send(ctx);
        });
  }

  /** The {@code Last-Event-ID} header an EventSource sends on reconnect, or the query parameter for a first link. */
  private static long lastEventId(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    String value = header != null ? header : ctx.request().getParam("lastEventId");
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }
}
