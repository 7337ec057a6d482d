package io.domopreflight.run;

import io.domopreflight.TestEngine;
import io.domopreflight.app.ServiceConfig;
import io.domopreflight.check.AuthenticationCheck;
import io.domopreflight.domo.DomoClient;
import io.domopreflight.domo.HostResolver;
import io.domopreflight.domo.OutboundGuard;
import io.domopreflight.sim.DomoSimulator;
import io.domopreflight.sim.SimulatorConfig;
import io.domopreflight.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.domopreflight.TestEngine.result;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A run's deadline and missing checks")
class RunDeadlineTest {

  @Test
  @DisplayName("end a run against a hanging Domo by its deadline with error/timeout")
  void endsByTheDeadline() throws Exception {
    long deadline = 1_500;
    JsonObject config = new JsonObject().put("run.deadlineMs", deadline).put("check.timeoutMs", 60_000);
    try (TestEngine engine = TestEngine.start(SimulatorConfig.defaults(), config)) {
      long started = System.nanoTime();
      JsonObject report = engine.run(engine.scenario("hanging-domo"));
      long tookMs = (System.nanoTime() - started) / 1_000_000;

      JsonObject datasets = result(report, "datasets");
      assertThat(datasets.getString("outcome")).isEqualTo("error");
      assertThat(datasets.getString("category")).isEqualTo("timeout");
      assertThat(report.getString("outcome")).isEqualTo("error");
      // The deadline is a promise to the caller: allow for the bus round trip and a busy machine, far short of the
      // 60 s check timeout that would end the run without it.
      assertThat(tookMs).isLessThan(deadline + 1_500);
    }
  }

  @Test
  @DisplayName("end a stopping node's runs at once, unanswered checks in error/unavailable, answered ones kept")
  void stoppingEndsRunsAtOnce() throws Exception {
    JsonObject config = new JsonObject().put("run.deadlineMs", 60_000).put("check.timeoutMs", 60_000);
    try (TestEngine engine = TestEngine.start(SimulatorConfig.defaults(), config)) {
      Future<Message<JsonObject>> running = engine.vertx.eventBus().request(Addresses.RUN,
          engine.scenario("hanging-domo"), new DeliveryOptions().setSendTimeout(90_000));
      // The token and all five calls have reached Domo; the DataSet list never answers.
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (engine.simulator.requests().size() < 6 && System.nanoTime() < waitUntil) {
        Thread.sleep(20);
      }
      Thread.sleep(200);

      long started = System.nanoTime();
      engine.vertx.eventBus().request(Addresses.STOP_RUNS, null).await(5, TimeUnit.SECONDS);
      JsonObject report = running.await(5, TimeUnit.SECONDS).body();
      long tookMs = (System.nanoTime() - started) / 1_000_000;

      assertThat(result(report, "authentication").getString("outcome")).isEqualTo("passed");
      assertThat(result(report, "dashboards").getString("outcome")).isEqualTo("passed");
      JsonObject datasets = result(report, "datasets");
      assertThat(datasets.getString("outcome")).isEqualTo("error");
      assertThat(datasets.getString("category")).isEqualTo("unavailable");
      assertThat(datasets.getString("message")).contains("stopped");
      assertThat(report.getString("outcome")).isEqualTo("error");
      // Far short of the 60 s deadline the run would otherwise have waited for.
      assertThat(tookMs).isLessThan(5_000);
    }
  }

  @Test
  @DisplayName("report a check nobody listens for as error/unavailable, not as failed")
  void reportsAMissingCheckAsError() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      DomoSimulator simulator = DomoSimulator.start(vertx, SimulatorConfig.defaults()).await(10, TimeUnit.SECONDS);
      RunSettings settings = ServiceConfig.runSettings(TestEngine.engineConfig().put("runs.retentionSeconds", 60));
      OutboundGuard guard = new OutboundGuard(settings.allowedHosts(), HostResolver.system(vertx));
      vertx.deployVerticle(new AuthenticationCheck(new DomoClient(vertx, 65_536, guard))).await(10, TimeUnit.SECONDS);
      vertx.deployVerticle(new RunCoordinator(settings, guard)).await(10, TimeUnit.SECONDS);
      JsonObject request = new JsonObject().put("apiHost", simulator.baseUrl()).put("clientId", "all-passing")
          .put("clientSecret", "secret-all-passing");

      JsonObject report = vertx.eventBus().<JsonObject>request(io.domopreflight.Addresses.RUN, request)
          .await(10, TimeUnit.SECONDS).body();

      assertThat(result(report, "authentication").getString("outcome")).isEqualTo("passed");
      JsonObject datasets = result(report, "datasets");
      assertThat(datasets.getString("outcome")).isEqualTo("error");
      assertThat(datasets.getString("category")).isEqualTo("unavailable");
      assertThat(datasets.getString("message")).contains("preflight.check.datasets");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
