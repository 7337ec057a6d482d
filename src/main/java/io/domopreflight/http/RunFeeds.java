package io.domopreflight.http;

import io.domopreflight.Addresses;
import io.domopreflight.run.RunStore;
import io.domopreflight.run.SubscriptionLag;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The live events of the runs followed through one HTTP verticle: one event-bus subscription per run, however many
 * clients follow it, and each event framed once for all of them. A thousand clients of one run would otherwise be a
 * thousand subscriptions, each receiving its own copy of the event and encoding it again.
 *
 * <p>Used from the verticle's event loop only, so it needs no locking.
 */
final class RunFeeds {

  /**
   * Store reads after a feed subscribes on a clustered bus, to fill what the bus lagged on; past them, a stream's
   * own heartbeat reads the store too.
   */
  static final int CATCH_UPS = 4;

  private final Vertx vertx;
  private final RunStore store;
  private final Map<String, Feed> feeds = new HashMap<>();

  RunFeeds(Vertx vertx, RunStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Adds the stream to its run's feed, subscribing on first use; completes once the subscription is live. */
  Future<Void> join(String runId, EventStream stream) {
    Feed feed = feeds.computeIfAbsent(runId, this::subscribe);
    feed.streams.add(stream);
    return feed.consumer.completion();
  }

  /** Removes the stream; the last one to leave ends the subscription. */
  void leave(String runId, EventStream stream) {
    Feed feed = feeds.get(runId);
    if (feed == null || !feed.streams.remove(stream) || !feed.streams.isEmpty()) {
      return;
    }
    feeds.remove(runId);
    SubscriptionLag.stop(vertx, feed.catchUp);
    feed.consumer.unregister();
  }


  private Feed subscribe(String runId) {
    Feed feed = new Feed();
    feed.consumer = vertx.eventBus().consumer(Addresses.events(runId), message -> feed.deliver(message.body()));
    feed.consumer.completion().onSuccess(v -> feed.catchUp = SubscriptionLag.catchUp(vertx, () -> {
      if (++feed.catchUps >= CATCH_UPS) {
        SubscriptionLag.stop(vertx, feed.catchUp);
      }
      store.find(runId).onSuccess(run -> {
        if (run != null && feeds.get(runId) == feed) {
          run.events().stream().map(JsonObject.class::cast).forEach(feed::deliver);
        }
      });
    }));
    return feed;
  }

  private static final class Feed {
    private final Set<EventStream> streams = new LinkedHashSet<>();
    private MessageConsumer<JsonObject> consumer;
    private long catchUp = -1;
    private int catchUps;

    void deliver(JsonObject event) {
      SseFrame frame = SseFrame.of(event);
      // A copy: a stream that ends on this event leaves the feed while it is being walked.
      for (EventStream stream : new ArrayList<>(streams)) {
        stream.offer(frame);
      }
    }
  }
}
