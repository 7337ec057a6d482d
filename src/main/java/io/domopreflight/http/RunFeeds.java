package io.domopreflight.http;

import io.domopreflight.Addresses;
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

  private final Vertx vertx;
  private final Map<String, Feed> feeds = new HashMap<>();

  RunFeeds(Vertx vertx) {
    this.vertx = vertx;
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
    feed.consumer.unregister();
  }


  private Feed subscribe(String runId) {
    Feed feed = new Feed();
    feed.consumer = vertx.eventBus().consumer(Addresses.events(runId), message -> feed.deliver(message.body()));
    return feed;
  }

  private static final class Feed {
    private final Set<EventStream> streams = new LinkedHashSet<>();
    private MessageConsumer<JsonObject> consumer;

    void deliver(JsonObject event) {
      SseFrame frame = SseFrame.of(event);
      // A copy: a stream that ends on this event leaves the feed while it is being walked.
      for (EventStream stream : new ArrayList<>(streams)) {
        stream.offer(frame);
      }
    }
  }
}
