package io.domopreflight.app;

import io.domopreflight.Addresses;
import io.domopreflight.http.Health;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.concurrent.TimeUnit;

/**
 * Stops a service node without cutting anyone off: readiness goes down and new runs are refused (503 with
 * {@code Retry-After}) so that a load balancer drains the node; the runs under way finish, within
 * {@code shutdown.graceSeconds}, after which those still going end with their unanswered checks in error; every event
 * stream gets its {@code done} event and ends; then Vert.x closes, which leaves the cluster cleanly when there is one.
 *
 * <p>It runs in a JVM shutdown hook that blocks until the sequence is over. SIGTERM, the orchestrator's ordinary
 * stop, exits with status 0 once it is.
 */
final class GracefulShutdown {

  private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);
  private static final long CLOSE_MS = 10_000;
  /** Time for ended runs to record and publish their last events. */
  private static final long STOP_RUNS_MS = 5_000;

  private final Vertx vertx;
  private final Health health;
  private final long graceMs;

  private GracefulShutdown(Vertx vertx, Health health, long graceMs) {
    this.vertx = vertx;
    this.health = health;
    this.graceMs = graceMs;
  }

  /** Runs the sequence when the JVM is asked to stop (SIGTERM, SIGINT, Ctrl-C). */
  static void install(Vertx vertx, Health health, JsonObject config) {
    long graceMs = config.getLong("shutdown.graceSeconds", 30L) * 1000;
    GracefulShutdown shutdown = new GracefulShutdown(vertx, health, graceMs);
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "graceful-shutdown"));
    exitCleanlyOnTerm();
  }

  /**
   * The JVM's own SIGTERM handling exits with 143, which orchestrators report as a failure; a stop that drained
   * properly is a success.
   */
  @SuppressWarnings("removal")
  private static void exitCleanlyOnTerm() {
    try {
      Signal.handle(new Signal("TERM"), signal -> new Thread(() -> System.exit(0), "sigterm").start());
    } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
      // NOTE: on a JVM without SIGTERM handling the shutdown hook still drains; only the exit status differs.
      log.debug("SIGTERM handler not installed: {}", unavailable.getMessage());
    }
  }

  void run() {
    long started = System.nanoTime();
    log.info("Shutdown begins: taking no new runs, waiting up to {} s for the runs under way", graceMs / 1000);
    health.drain();

    drainRuns();
    closeVertx();
    log.info("Shutdown complete in {} ms", (System.nanoTime() - started) / 1_000_000);
  }

  /** Each run ends by its own deadline, so with the default settings this returns before the grace is used up. */
  private void drainRuns() {
    DeliveryOptions withinGrace = new DeliveryOptions().setSendTimeout(Math.max(graceMs, 1));
    try {
      vertx.eventBus().request(Addresses.DRAIN, null, withinGrace).await(graceMs + 1_000, TimeUnit.MILLISECONDS);
      log.info("Every run on this node has finished");
    } catch (Exception e) {
      log.warn("Runs were still going after the {} s grace ({}); ending them", graceMs / 1000, e.getMessage());
      stopRuns();
    }
  }

  /** Ends what the grace did not see finish, so every client still gets its done event before the node goes. */
  private void stopRuns() {
    DeliveryOptions briefly = new DeliveryOptions().setSendTimeout(STOP_RUNS_MS);
    try {
      vertx.eventBus().request(Addresses.STOP_RUNS, null, briefly).await(STOP_RUNS_MS + 1_000, TimeUnit.MILLISECONDS);
      log.info("Every run on this node has finished");
    } catch (Exception e) {
      log.warn("Runs still had not finished {} ms after being ended: {}", STOP_RUNS_MS, e.getMessage());
    }
  }

  private void closeVertx() {
    try {
      vertx.close().await(CLOSE_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close within {} ms: {}", CLOSE_MS, e.getMessage());
    }
  }
}
