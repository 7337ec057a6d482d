package io.domopreflight.run;

import io.vertx.core.Vertx;

/**
 * How long a new subscriber to a run's events may miss them on a clustered event bus, and what it does about it.
 *
 * <p>NOTE: a consumer's registration completes once the cluster manager holds it, but a node that has published to
 * the address before learns of the new consumer only through a throttled update (vertx-hazelcast batches them every
 * 20 ms, later under load); an event published in between does not reach it. Measured: about one joined run in three
 * hundred missed its {@code done} event on three nodes under load. The coordinator stores each event before it
 * publishes it, so whoever subscribes also reads the store again, from {@link #FIRST_MS} and then every
 * {@link #EVERY_MS}, until it has what it waits for. A single node's event bus has no such lag.
 */
public final class SubscriptionLag {

  /** The first store read after the subscription completed: past the usual update delay. */
  public static final long FIRST_MS = 250;
  /** Later store reads, for updates delayed by load. */
  public static final long EVERY_MS = 1_000;

  private SubscriptionLag() {
  }

  /**
   * Calls {@code catchUp} from {@link #FIRST_MS} on, every {@link #EVERY_MS}, on a clustered bus; nothing on a
   * single node.
   *
   * @return the timer to cancel once the subscriber has what it waits for, or -1 when none was set
   */
  public static long catchUp(Vertx vertx, Runnable catchUp) {
    return vertx.isClustered() ? vertx.setPeriodic(FIRST_MS, EVERY_MS, id -> catchUp.run()) : -1;
  }

  /** Cancels a timer {@link #catchUp} returned. */
  public static void stop(Vertx vertx, long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
