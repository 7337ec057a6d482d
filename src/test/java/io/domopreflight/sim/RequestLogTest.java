package io.domopreflight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The request log")
class RequestLogTest extends SimulatorTestSupport {

  @Test
  @DisplayName("records method, path, query, auth scheme, client id and status, and never a secret or token")
  void recordsWithoutSecrets() throws Exception {
    String token = tokenFor("all-passing");
    getWithToken("/v1/datasets?limit=50&offset=0", token);

    JsonObject call = sim.requests().get(1);
    assertThat(call.getString("method")).isEqualTo("GET");
    assertThat(call.getString("path")).isEqualTo("/v1/datasets");
    assertThat(call.getString("query")).isEqualTo("limit=50&offset=0");
    assertThat(call.getString("authScheme")).isEqualTo("bearer");
    assertThat(call.getString("clientId")).isEqualTo("all-passing");
    assertThat(call.getInteger("status")).isEqualTo(200);
    String everything = new JsonArray(sim.requests()).encode();
    assertThat(everything).doesNotContain("secret-all-passing").doesNotContain(token);
    assertThat(everything.toLowerCase()).doesNotContain("\"authorization\"");
  }

  @Test
  @DisplayName("is served at /_sim/requests and cleared by DELETE")
  void servesAndClears() throws Exception {
    tokenFor("all-passing");

    JsonArray served = web.get(sim.port(), "127.0.0.1", "/_sim/requests").send().await(10, TimeUnit.SECONDS)
        .bodyAsJsonArray();
    web.delete(sim.port(), "127.0.0.1", "/_sim/requests").send().await(10, TimeUnit.SECONDS);
    assertThat(served).hasSize(1);
    assertThat(served.getJsonObject(0).getString("path")).isEqualTo("/oauth/token");
    assertThat(sim.requests()).isEmpty();
  }

  @Test
  @DisplayName("health answers UP with the number of tokens issued")
  void reportsHealth() throws Exception {
    tokenFor("all-passing");

    JsonObject health = web.get(sim.port(), "127.0.0.1", "/_sim/health").send().await(10, TimeUnit.SECONDS)
        .bodyAsJsonObject();
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getInteger("tokensIssued")).isEqualTo(1);
  }
}
