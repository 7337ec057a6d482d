package io.domopreflight.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.spi.cluster.hazelcast.ClusterHealthCheck;

/**
 * Whether this node should get traffic ({@code /health/ready}) and whether it is alive at all ({@code /health/live}).
 * A node is ready once its checks and coordinator are deployed and, in a cluster, Hazelcast reports the cluster safe:
 * no partition migrating, every map backed up, so a new node does not take requests while runs are still moving.
 */
public final class Readiness {

  private final HealthChecks ready;
  private final HealthChecks live;
  private volatile boolean engineDeployed;

  private Readiness(HealthChecks ready, HealthChecks live) {
    this.ready = ready;
    this.live = live;
  }

  public static Readiness create(Vertx vertx) {
    Readiness readiness = new Readiness(HealthChecks.create(vertx), HealthChecks.create(vertx));
    readiness.ready.register("engine", promise -> promise.complete(readiness.engineDeployed ? Status.OK()
        : Status.KO(new JsonObject().put("reason", "the checks and the run coordinator are still being deployed"))));
    if (vertx.isClustered()) {
      readiness.ready.register("cluster", ClusterHealthCheck.createProcedure(vertx));
    }
    // Answering at all shows the event loop that runs this procedure is not blocked.
    readiness.live.register("event-loop", promise -> promise.complete(Status.OK()));
    return readiness;
  }

  /** Called once the engine is deployed on this node. */
  public void engineDeployed() {
    engineDeployed = true;
  }

  /** 200 when ready, 503 with the failing procedure otherwise; mount at {@code /health/ready}. */
  public HealthCheckHandler readyHandler() {
    return HealthCheckHandler.createWithHealthChecks(ready);
  }

  /** 200 while the node's event loop answers; mount at {@code /health/live}. */
  public HealthCheckHandler liveHandler() {
    return HealthCheckHandler.createWithHealthChecks(live);
  }

  /** The readiness procedures, for callers that want the verdict without HTTP. */
  public HealthChecks readyChecks() {
    return ready;
  }
}
