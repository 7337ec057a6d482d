package io.domopreflight.http;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.spi.cluster.hazelcast.ClusterHealthCheck;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether this node is alive ({@code /health/live}) and whether it should get traffic ({@code /health/ready}).
 *
 * <p>Live: every event loop runs a task within {@link #LOOP_ANSWER_MS}. Ready: the checks and the coordinator are
 * deployed, the node is not shutting down and, in a cluster, Hazelcast reports the cluster safe (no partition
 * migrating), so a joining node takes no requests while runs are still moving. Readiness goes down first when the
 * node shuts down, so that a load balancer stops sending it work while it finishes what it has.
 */
public final class Health {

  static final long LOOP_ANSWER_MS = 1_000;

  private final Vertx vertx;
  private final HealthChecks live;
  private final HealthChecks ready;
  private final List<Context> eventLoops = new CopyOnWriteArrayList<>();
  private volatile boolean engineDeployed;
  private volatile boolean draining;

  private Health(Vertx vertx) {
    this.vertx = vertx;
    this.live = HealthChecks.create(vertx);
    this.ready = HealthChecks.create(vertx);
  }

  public static Health create(Vertx vertx) {
    Health health = new Health(vertx);
    health.watchEventLoops();
    health.live.register("event-loops", LOOP_ANSWER_MS * 2, health::eventLoopsAnswer);
    health.ready.register("engine", promise -> promise.complete(health.engineDeployed ? Status.OK()
        : Status.KO(reason("the checks and the run coordinator are still being deployed"))));
    health.ready.register("accepting-runs", promise -> promise.complete(health.draining
        ? Status.KO(reason("the node is shutting down; it finishes its runs and takes no new ones")) : Status.OK()));
    if (vertx.isClustered()) {
      health.ready.register("cluster", ClusterHealthCheck.createProcedure(vertx));
    }
    return health;
  }

  /** Adds a condition to readiness, such as a dependency that must be reachable before the node takes traffic. */
  public Health requireForReadiness(String name, Handler<Promise<Status>> procedure) {
    ready.register(name, procedure);
    return this;
  }

  /** Called once the checks and the coordinator of this node are deployed. */
  public void engineDeployed() {
    engineDeployed = true;
  }

  /** The node takes no new runs from now on, and says so on {@code /health/ready}. */
  public void drain() {
    draining = true;
  }

  public boolean isDraining() {
    return draining;
  }

  /** 200 when ready, 503 naming the failing procedure otherwise; mount at {@code /health/ready}. */
  public HealthCheckHandler readyHandler() {
    return HealthCheckHandler.createWithHealthChecks(ready);
  }

  /** 200 while every event loop answers; mount at {@code /health/live}. */
  public HealthCheckHandler liveHandler() {
    return HealthCheckHandler.createWithHealthChecks(live);
  }

  /** The readiness procedures, for callers that want the verdict without HTTP. */
  public HealthChecks readyChecks() {
    return ready;
  }

  /**
   * One context per event loop, kept to run the liveness probe on. Deployment hands each instance the next event
   * loop in turn, so as many instances as loops cover them all.
   */
  private void watchEventLoops() {
    // NOTE: this assumes the default loop count, which VertxFactory keeps; a custom count would leave some unwatched.
    int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    vertx.deployVerticle(() -> context -> {
      eventLoops.add(context);
      return Future.succeededFuture();
    }, new DeploymentOptions().setInstances(loops));
  }

  private void eventLoopsAnswer(Promise<Status> promise) {
    if (eventLoops.isEmpty()) {
      promise.complete(Status.KO(reason("the event-loop probes are not deployed yet")));
      return;
    }
    AtomicInteger waiting = new AtomicInteger(eventLoops.size());
    long timer = vertx.setTimer(LOOP_ANSWER_MS, t -> promise.tryComplete(Status.KO(
        reason(waiting.get() + " of " + eventLoops.size() + " event loops did not answer within " + LOOP_ANSWER_MS
            + " ms; something blocks them"))));
    eventLoops.forEach(loop -> loop.runOnContext(v -> {
      if (waiting.decrementAndGet() == 0 && promise.tryComplete(Status.OK())) {
        vertx.cancelTimer(timer);
      }
    }));
  }

  private static JsonObject reason(String text) {
    return new JsonObject().put("reason", text);
  }
}
