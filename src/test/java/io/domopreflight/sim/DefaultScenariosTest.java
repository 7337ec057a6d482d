package io.domopreflight.sim;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The default scenarios")
class DefaultScenariosTest {

  private static final List<String> REQUIRED = List.of("all-passing", "wrong-secret", "missing-dashboard-scope",
      "legacy-cards-report", "swapped-reports", "empty-report", "missing-column", "case-variant-columns",
      "dataset-not-shared", "unknown-dataset", "slow-domo", "hanging-domo", "rate-limited-briefly", "rate-limited",
      "domo-unavailable", "expired-token", "instance-host", "token-gateway-502", "truncated-json", "wrong-shape",
      "connection-reset", "huge-body", "trickle", "access-denied");

  private final SimulatorConfig config = SimulatorConfig.defaults();

  @Test
  @DisplayName("include every scenario the service's tests rely on")
  void includeRequiredScenarios() {
    List<String> ids = config.scenarios().stream().map(s -> ((JsonObject) s).getString("id")).toList();

    assertThat(ids).containsAll(REQUIRED);
  }

  @Test
  @DisplayName("name a configured client for every scenario, except in unknown-client")
  void nameConfiguredClients() {
    List<String> clients = config.clients().stream().map(SimClient::clientId).toList();

    config.scenarios().stream().map(s -> (JsonObject) s)
        .filter(s -> !s.getString("id").equals("unknown-client"))
        .forEach(s -> assertThat(clients).contains(s.getJsonObject("request").getString("clientId")));
    assertThat(clients).doesNotContain("no-such-client");
  }

  @Test
  @DisplayName("point every DomoStats field at a configured dataset, except in unknown-dataset")
  void pointAtConfiguredDatasets() {
    List<String> datasets = config.datasets().stream().map(SimDataset::id).toList();

    config.scenarios().stream().map(s -> (JsonObject) s)
        .filter(s -> !s.getString("id").equals("unknown-dataset"))
        .forEach(s -> s.getJsonObject("request").getJsonObject("domoStats").forEach(field ->
            assertThat(datasets).as(s.getString("id") + " " + field.getKey()).contains((String) field.getValue())));
  }
}
