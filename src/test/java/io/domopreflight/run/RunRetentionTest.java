package io.domopreflight.run;

import io.domopreflight.TestEngine;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Finished runs kept by a node")
class RunRetentionTest {

  @Test
  @DisplayName("are bounded by runs.maxRetained: past the bound the oldest are forgotten, the newest stay readable")
  void forgetsTheOldestBeyondTheBound() throws Exception {
    JsonObject config = new JsonObject().put("runs.maxRetained", 2);
    try (TestEngine engine = TestEngine.start(SimulatorConfig.defaults(), config)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(engine.run(engine.scenario("all-passing")).getString("id"));
      }
      RunStore store = RunStore.create(engine.vertx, 60_000).await(5, TimeUnit.SECONDS);

      assertThat(ids).doesNotHaveDuplicates();
      assertThat(store.find(ids.get(0)).await(5, TimeUnit.SECONDS)).isNull();
      assertThat(store.find(ids.get(1)).await(5, TimeUnit.SECONDS)).isNull();
      assertThat(store.find(ids.get(2)).await(5, TimeUnit.SECONDS).isDone()).isTrue();
      assertThat(store.find(ids.get(3)).await(5, TimeUnit.SECONDS).isDone()).isTrue();
    }
  }
}
