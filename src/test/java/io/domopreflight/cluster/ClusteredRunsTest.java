package io.domopreflight.cluster;

import io.domopreflight.Addresses;
import io.domopreflight.TestEngine;
import io.domopreflight.app.Service;
import io.domopreflight.http.Health;
import io.domopreflight.run.Membership;
import io.domopreflight.run.RunRecord;
import io.domopreflight.run.RunStore;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes with the whole engine and a third with none, in one JVM. */
@DisplayName("A cluster of nodes")
class ClusteredRunsTest {

  private static TestCluster cluster;
  private static Vertx a;
  private static Vertx b;
  private static Vertx bare;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(SimulatorConfig.defaults());
    a = cluster.join();
    b = cluster.join();
    bare = cluster.join();
    Service.deployEngine(a, cluster.config()).await(30, TimeUnit.SECONDS);
    Service.deployEngine(b, cluster.config()).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  @DisplayName("lets a run started from one node be followed from another, replayed from the middle without gap")
  void followsFromAnotherNode() throws Exception {
    String runId = start(a, cluster.scenario("slow-domo"));
    RunStore storeOnB = RunStore.create(b, 60_000).await(10, TimeUnit.SECONDS);
    // slow-domo takes 700 ms per call: the first event lands well before the last.
    RunRecord midway = awaitRun(storeOnB, runId, run -> run.lastSeq() >= 1);
    assertThat(midway.isDone()).isFalse();

    TestCluster.Followed followed = TestCluster.follow(b, runId, 1);
    followed.awaitDone(20);

    int last = followed.last().getInteger("seq");
    assertThat(followed.seqs()).isEqualTo(IntStream.rangeClosed(2, last).boxed().toList());
    assertThat(followed.last().getString("type")).isEqualTo("done");
    RunRecord storedOnBare = RunStore.create(bare, 60_000).await(10, TimeUnit.SECONDS).find(runId)
        .await(10, TimeUnit.SECONDS);
    assertThat(storedOnBare.isDone()).isTrue();
    assertThat(storedOnBare.lastSeq()).isEqualTo(last);
    assertThat(storedOnBare.report().getString("outcome")).isEqualTo("passed");
  }

  @Test
  @DisplayName("runs one preflight for identical requests sent at once through two nodes")
  void dedupesAcrossNodes() throws Exception {
    JsonObject request = cluster.scenario("slow-domo").put("checks", new io.vertx.core.json.JsonArray()
        .add("datasets").add("dashboards"));

    List<Future<Message<JsonObject>>> starts = List.of(a, b, a, b).stream()
        .map(node -> node.eventBus().<JsonObject>request(Addresses.START, request))
        .toList();
    Future.all(starts).await(20, TimeUnit.SECONDS);

    List<String> ids = starts.stream().map(f -> f.result().body().getString("id")).distinct().toList();
    assertThat(ids).hasSize(1);
  }

  @Test
  @DisplayName("answers a caller that joined a run, and a follower, even when the bus never brings them done")
  void readsTheStoreWhenTheBusLags() throws Exception {
    JsonObject request = cluster.scenario("slow-domo").put("checks", new JsonArray().add("datasets"));
    DeliveryOptions here = new DeliveryOptions().setLocalOnly(true).setSendTimeout(20_000);
    String runId = a.eventBus().<JsonObject>request(Addresses.START, request, here).await(20, TimeUnit.SECONDS)
        .body().getString("id");
    // As when node a publishes before it learns of b's new subscriptions: b never sees this run's done event.
    Handler<DeliveryContext<Object>> lag = delivery -> {
      if (!(delivery.message().address().equals(Addresses.events(runId))
          && delivery.message().body() instanceof JsonObject event && "done".equals(event.getString("type")))) {
        delivery.next();
      }
    };
    b.eventBus().addInboundInterceptor(lag);
    try {
      // b's own coordinator takes the identical request and joins a's run.
      Future<Message<JsonObject>> joined = b.eventBus().request(Addresses.RUN, request, here);
      TestCluster.Followed followed = TestCluster.follow(b, runId, 0);

      JsonObject report = joined.await(10, TimeUnit.SECONDS).body();
      followed.awaitDone(10);

      assertThat(report.getString("id")).isEqualTo(runId);
      assertThat(report.getString("outcome")).isEqualTo("passed");
      assertThat(followed.last().getString("type")).isEqualTo("done");
      assertThat(followed.seqs()).isEqualTo(IntStream.rangeClosed(1, followed.seqs().size()).boxed().toList());
    } finally {
      b.eventBus().removeInboundInterceptor(lag);
    }
  }

  @Test
  @DisplayName("has the node whose HTTP API took a run coordinate it, so a draining node gets none from the others")
  void coordinatesRunsWhereTheyArrive() throws Exception {
    int port = Service.deployHttp(b, cluster.config().put("http.host", "127.0.0.1").put("http.port", 0))
        .await(30, TimeUnit.SECONDS);
    WebClient web = WebClient.create(b);
    RunStore store = RunStore.create(a, 60_000).await(10, TimeUnit.SECONDS);

    List<String> owners = new java.util.ArrayList<>();
    for (String scenario : List.of("all-passing", "missing-dashboard-scope", "wrong-secret", "legacy-cards-report")) {
      String id = web.post(port, "127.0.0.1", "/api/v1/preflights").sendJsonObject(cluster.scenario(scenario))
          .await(20, TimeUnit.SECONDS).bodyAsJsonObject().getString("id");
      owners.add(store.find(id).await(10, TimeUnit.SECONDS).owner());
    }

    assertThat(owners).containsOnly(Membership.of(b).nodeId());
  }

  @Test
  @DisplayName("answers preflight.run sent by a verticle on a node that runs no engine")
  void answersARunFromAnotherVertx() throws Exception {
    Promise<JsonObject> report = Promise.promise();
    JsonObject request = cluster.scenario("all-passing");
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TestEngine.RUN_DEADLINE_MS + 5_000);
    bare.deployVerticle(context -> context.owner().eventBus().<JsonObject>request(Addresses.RUN, request, options)
        .onSuccess(reply -> report.complete(reply.body()))
        .onFailure(report::fail)).await(10, TimeUnit.SECONDS);

    JsonObject done = report.future().await(20, TimeUnit.SECONDS);

    assertThat(done.getString("outcome")).isEqualTo("passed");
    assertThat(done.getJsonArray("checks")).hasSize(6);
  }

  @Test
  @DisplayName("reports a node ready once its engine is deployed and the cluster is safe")
  void reportsReadiness() throws Exception {
    Health health = Health.create(a);
    assertThat(CheckResult.isUp(health.readyChecks().checkStatus().await(10, TimeUnit.SECONDS))).isFalse();

    health.engineDeployed();

    CheckResult ready = health.readyChecks().checkStatus().await(10, TimeUnit.SECONDS);
    assertThat(CheckResult.isUp(ready)).as(ready.toJson().encode()).isTrue();
    assertThat(ready.toJson().encode()).contains("cluster");
  }

  static String start(Vertx node, JsonObject request) throws Exception {
    return node.eventBus().<JsonObject>request(Addresses.START, request).await(20, TimeUnit.SECONDS).body()
        .getString("id");
  }

  static RunRecord awaitRun(RunStore store, String runId, java.util.function.Predicate<RunRecord> condition)
      throws Exception {
    long until = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < until) {
      RunRecord run = store.find(runId).await(10, TimeUnit.SECONDS);
      if (run != null && condition.test(run)) {
        return run;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + runId + " never reached the expected state");
  }
}
