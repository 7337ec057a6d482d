package io.domopreflight.cluster;

import io.domopreflight.Addresses;
import io.domopreflight.TestEngine;
import io.domopreflight.app.Service;
import io.domopreflight.check.ApiListCheck;
import io.domopreflight.check.AuthenticationCheck;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.DomoStatsCheck;
import io.domopreflight.domo.DomoClient;
import io.domopreflight.run.RunRecord;
import io.domopreflight.run.RunStore;
import io.domopreflight.run.RunTakeover;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.domopreflight.TestEngine.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Nodes that each hold part of the engine, and nodes that leave in the middle of a run. */
@DisplayName("A cluster that loses a node")
class ClusterFailoverTest {

  private TestCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(SimulatorConfig.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  @DisplayName("asks the checks on another node when the coordinating node has none")
  void spreadsChecksToAnotherNode() throws Exception {
    Vertx coordinator = cluster.join();
    Vertx checks = cluster.join();
    Service.deployCoordinator(coordinator, cluster.config()).await(30, TimeUnit.SECONDS);
    Service.deployChecks(checks, cluster.config()).await(30, TimeUnit.SECONDS);

    JsonObject report = run(coordinator, cluster.scenario("all-passing"));

    assertThat(report.getString("outcome")).as(report.encodePrettily()).isEqualTo("passed");
  }

  @Test
  @DisplayName("asks a check again on another node when the node it asked leaves before replying")
  void asksAgainWhenTheCheckNodeLeaves() throws Exception {
    Vertx coordinator = cluster.join();
    Vertx silent = cluster.join();
    Vertx healthy = cluster.join();
    Service.deployCoordinator(coordinator, cluster.config()).await(30, TimeUnit.SECONDS);
    Promise<Void> asked = Promise.promise();
    // The only datasets check at first: it takes the request and never answers, like a node that froze.
    silent.eventBus().consumer(Addresses.check("datasets"), message -> asked.tryComplete()).completion()
        .await(10, TimeUnit.SECONDS);
    deployChecksExceptDatasets(healthy);

    Future<JsonObject> report = coordinator.eventBus().<JsonObject>request(Addresses.RUN,
        cluster.scenario("all-passing"), new DeliveryOptions().setSendTimeout(30_000)).map(m -> m.body());
    asked.future().await(10, TimeUnit.SECONDS);
    healthy.deployVerticle(ApiListCheck.datasets(TestEngine.domoClient(healthy))).await(10, TimeUnit.SECONDS);
    cluster.leave(silent);

    JsonObject done = report.await(20, TimeUnit.SECONDS);
    assertThat(done.getString("outcome")).as(done.encodePrettily()).isEqualTo("passed");
    assertThat(result(done, "datasets").getString("outcome")).isEqualTo("passed");
  }

  @Test
  @DisplayName("finishes a run whose coordinating node leaves: every check gets an outcome and done is stored")
  void finishesTheRunsOfALostCoordinator() throws Exception {
    Vertx coordinator = cluster.join();
    Vertx survivor = cluster.join();
    Service.deployCoordinator(coordinator, cluster.config()).await(30, TimeUnit.SECONDS);
    // The survivor has the checks and the takeover but no coordinator, so the run starts on the other node.
    Service.deployChecks(survivor, cluster.config()).await(30, TimeUnit.SECONDS);
    survivor.deployVerticle(new RunTakeover(60_000, 1_000, 1_000)).await(10, TimeUnit.SECONDS);
    String runId = ClusteredRunsTest.start(coordinator, cluster.scenario("slow-domo"));
    RunStore store = RunStore.create(survivor, 60_000).await(10, TimeUnit.SECONDS);
    ClusteredRunsTest.awaitRun(store, runId, run -> run.lastSeq() >= 1);
    TestCluster.Followed followed = TestCluster.follow(survivor, runId, 0);

    long left = System.nanoTime();
    cluster.leave(coordinator);
    followed.awaitDone(20);
    long tookMs = (System.nanoTime() - left) / 1_000_000;

    RunRecord stored = store.find(runId).await(10, TimeUnit.SECONDS);
    int last = stored.lastSeq();
    assertThat(stored.isDone()).isTrue();
    assertThat(stored.pendingChecks()).isEmpty();
    assertThat(stored.events().getJsonObject(last - 1).getString("type")).isEqualTo("done");
    assertThat(followed.seqs()).isEqualTo(IntStream.rangeClosed(1, last).boxed().toList());
    assertThat(followed.last().getString("type")).isEqualTo("done");
    assertThat(stored.report().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .map(c -> c.getString("message")))
        .anyMatch(message -> message.contains("coordinating this run left the cluster"));
    assertThat(tookMs).isLessThan(10_000);
  }

  private static void deployChecksExceptDatasets(Vertx node) throws Exception {
    DomoClient domo = TestEngine.domoClient(node);
    Future.all(List.of(
        node.deployVerticle(new AuthenticationCheck(domo)),
        node.deployVerticle(ApiListCheck.dashboards(domo)),
        node.deployVerticle(new DomoStatsCheck(CheckSpec.CARDS, domo)),
        node.deployVerticle(new DomoStatsCheck(CheckSpec.CARD_DASHBOARD, domo)),
        node.deployVerticle(new DomoStatsCheck(CheckSpec.DATASET_CARD, domo)))).await(10, TimeUnit.SECONDS);
  }

  private static JsonObject run(Vertx node, JsonObject request) throws Exception {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TestEngine.RUN_DEADLINE_MS + 5_000);
    return node.eventBus().<JsonObject>request(Addresses.RUN, request, options).await(20, TimeUnit.SECONDS).body();
  }
}
