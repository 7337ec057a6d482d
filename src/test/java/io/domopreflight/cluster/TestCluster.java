package io.domopreflight.cluster;

import io.domopreflight.TestEngine;
import io.domopreflight.app.ClusteredVertx;
import io.domopreflight.run.RunFollower;
import io.domopreflight.run.RunStore;
import io.domopreflight.sim.DomoSimulator;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Clustered Vert.x nodes in this JVM on loopback, joined through the project's {@code cluster.xml} under a cluster
 * name of their own, and a Domo simulator in a Vert.x of its own so that closing a node never takes Domo down.
 */
final class TestCluster implements AutoCloseable {

  final DomoSimulator simulator;
  private final Vertx simulatorVertx;
  private final String name = "preflight-test-" + UUID.randomUUID();
  private final List<Vertx> nodes = new ArrayList<>();

  private TestCluster(Vertx simulatorVertx, DomoSimulator simulator) {
    this.simulatorVertx = simulatorVertx;
    this.simulator = simulator;
  }

  static TestCluster start(SimulatorConfig simulatorConfig) throws Exception {
    Vertx vertx = Vertx.vertx();
    return new TestCluster(vertx, DomoSimulator.start(vertx, simulatorConfig).await(20, TimeUnit.SECONDS));
  }

  /** The engine configuration of every node: the test engine's, plus this cluster and a one-second sweep. */
  JsonObject config() {
    return TestEngine.engineConfig()
        .put("cluster.name", name)
        .put("cluster.members", "127.0.0.1")
        .put("cluster.host", "127.0.0.1")
        .put("cluster.port", 5701)
        .put("cluster.eventBusPort", 0)
        .put("cluster.failureDetectionSeconds", 5)
        .put("cluster.sweepSeconds", 1)
        .put("cluster.config", "")
        .put("metrics.enabled", false);
  }

  /** A new node with nothing deployed on it. */
  Vertx join() throws Exception {
    return join(config());
  }

  /** A new node with nothing deployed on it, started with {@code config} (normally {@link #config()} plus some). */
  Vertx join(JsonObject config) throws Exception {
    Vertx node = ClusteredVertx.start(config).await(60, TimeUnit.SECONDS);
    nodes.add(node);
    return node;
  }

  /** Closes a node the way a stopping service does: it leaves the cluster at once. */
  void leave(Vertx node) throws Exception {
    nodes.remove(node);
    node.close().await(30, TimeUnit.SECONDS);
  }

  /** The request of a simulator scenario, pointed at the simulator. */
  JsonObject scenario(String id) {
    JsonObject scenario = simulator.scenarios().stream().map(JsonObject.class::cast)
        .filter(s -> id.equals(s.getString("id"))).findFirst().orElseThrow();
    return scenario.getJsonObject("request").copy().put("apiHost", simulator.baseUrl());
  }

  /** Follows a run from {@code node} after event {@code afterSeq}, collecting every event until {@code done}. */
  static Followed follow(Vertx node, String runId, int afterSeq) throws Exception {
    Followed followed = new Followed();
    Promise<Void> started = Promise.promise();
    // On one event loop, as the HTTP layer does, so that replay and live events are handled in order.
    node.getOrCreateContext().runOnContext(v -> RunStore.create(node, 60_000)
        .compose(store -> RunFollower.follow(node, store, runId, afterSeq, followed.events::add))
        .onSuccess(follower -> follower.ended().onComplete(done -> followed.done.tryComplete()))
        .<Void>mapEmpty()
        .onComplete(started));
    started.future().await(20, TimeUnit.SECONDS);
    return followed;
  }

  @Override
  public void close() throws Exception {
    List<Future<Void>> closing = new ArrayList<>();
    nodes.forEach(node -> closing.add(node.close()));
    Future.join(closing).await(60, TimeUnit.SECONDS);
    simulatorVertx.close().await(20, TimeUnit.SECONDS);
  }

  /** Events passed on by a follower, in the order it passed them. */
  static final class Followed {
    final List<JsonObject> events = Collections.synchronizedList(new ArrayList<>());
    final Promise<Void> done = Promise.promise();

    List<Integer> seqs() {
      synchronized (events) {
        return events.stream().map(e -> e.getInteger("seq")).toList();
      }
    }

    JsonObject last() {
      synchronized (events) {
        return events.get(events.size() - 1);
      }
    }

    void awaitDone(long seconds) throws Exception {
      done.future().await(seconds, TimeUnit.SECONDS);
    }
  }
}
