package io.domopreflight.run;

import io.domopreflight.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows one run's events from any node: subscribes to {@code preflight.events.<id>} first, then replays the stored
 * log after the last event the follower has, then passes live events on. The coordinator stores an event before it
 * publishes it, so an event missing from the replay is bound to arrive live: no gap, and sequence numbers drop the
 * duplicates at the seam.
 */
public final class RunFollower {

  private final Vertx vertx;
  private final RunStore store;
  private final String runId;
  private final Handler<JsonObject> onEvent;
  private final Promise<Void> ended = Promise.promise();
  /** Live events that arrive while the stored log is being read wait here, so none jumps ahead of the replay. */
  private final List<JsonObject> heldBack = new ArrayList<>();
  private boolean replayed;
  private MessageConsumer<JsonObject> consumer;
  private int lastSeq;
  private long catchUp = -1;

  private RunFollower(Vertx vertx, RunStore store, String runId, int afterSeq, Handler<JsonObject> onEvent) {
    this.vertx = vertx;
    this.store = store;
    this.runId = runId;
    this.lastSeq = afterSeq;
    this.onEvent = onEvent;
  }

  /**
   * Starts following. The returned future fails with {@link UnknownRunException} when the run is unknown, and
   * otherwise succeeds once replay has begun; {@link #ended()} completes after the {@code done} event.
   */
  public static Future<RunFollower> follow(Vertx vertx, RunStore store, String runId, int afterSeq,
                                           Handler<JsonObject> onEvent) {
    RunFollower follower = new RunFollower(vertx, store, runId, afterSeq, onEvent);
    return follower.subscribe().map(follower);
  }

  /** Completes after the {@code done} event was passed on, or when the follower is stopped. */
  public Future<Void> ended() {
    return ended.future();
  }

  /** Stops listening, for a client that went away. */
  public void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
    SubscriptionLag.stop(vertx, catchUp);
    ended.tryComplete();
  }

  private Future<Void> subscribe() {
    consumer = vertx.eventBus().consumer(Addresses.events(runId), message -> {
      if (replayed) {
        deliver(message.body());
      } else {
        heldBack.add(message.body());
      }
    });
    return consumer.completion()
        .compose(v -> store.find(runId))
        .compose(run -> {
          if (run == null) {
            consumer.unregister();
            return Future.failedFuture(new UnknownRunException(runId));
          }
          run.events().stream().map(JsonObject.class::cast).forEach(this::deliver);
          replayed = true;
          heldBack.forEach(this::deliver);
          heldBack.clear();
          if (!ended.future().isComplete()) {
            catchUp = SubscriptionLag.catchUp(vertx, this::readStore);
          }
          return Future.succeededFuture();
        });
  }

  /** Delivers what the store holds beyond the last event passed on: what the bus may not have brought. */
  private void readStore() {
    store.find(runId).onSuccess(run -> {
      if (run != null && !ended.future().isComplete()) {
        run.events().stream().map(JsonObject.class::cast).forEach(this::deliver);
      }
    });
  }

  private void deliver(JsonObject event) {
    int seq = event.getInteger("seq");
    if (seq <= lastSeq || ended.future().isComplete()) {
      return;
    }
    lastSeq = seq;
    onEvent.handle(event);
    if ("done".equals(event.getString("type"))) {
      stop();
    }
  }

  /** No run with this id is kept: it never existed or was forgotten after its retention time. */
  public static final class UnknownRunException extends RuntimeException {
    public UnknownRunException(String runId) {
      super("No run " + runId + " is kept here", null, false, false);
    }
  }
}
