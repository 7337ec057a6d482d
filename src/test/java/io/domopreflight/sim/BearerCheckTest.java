package io.domopreflight.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every /v1 call")
class BearerCheckTest extends SimulatorTestSupport {

  @Override
  SimulatorConfig configure(SimulatorConfig defaults) {
    return defaults.withClient(new JsonObject().put("clientId", "short-lived").put("clientSecret", "secret-short-lived")
        .put("token", "short_ttl:0"));
  }

  @Test
  @DisplayName("without an Authorization header gets the 401 bedrock envelope with a toe")
  void refusesMissingHeader() throws Exception {
    HttpResponse<Buffer> response = web.get(sim.port(), "127.0.0.1", "/v1/datasets").send()
        .await(10, TimeUnit.SECONDS);

    JsonObject body = response.bodyAsJsonObject();
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(body.getString("statusReason")).isEqualTo("Internal Server Error");
    assertThat(body.getString("path")).isEqualTo("/v1/datasets");
    assertThat(body.getString("message")).contains("Full authentication is required");
    assertThat(body.getString("toe")).matches("[A-Z0-9]{10}-[A-Z0-9]{5}-[A-Z0-9]{5}");
  }

  @Test
  @DisplayName("with a garbage token gets 401 invalid_token")
  void refusesGarbageToken() throws Exception {
    HttpResponse<Buffer> response = getWithToken("/v1/datasets", "not-a-token");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "invalid_token")
        .put("error_description", "Cannot convert access token to JSON"));
  }

  @Test
  @DisplayName("with an expired token gets an empty 401 whose WWW-Authenticate says Jwt expired at")
  void refusesExpiredToken() throws Exception {
    HttpResponse<Buffer> response = getWithToken("/v1/datasets", tokenFor("short-lived"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).contains("invalid_token").contains("Jwt expired at");
    assertThat(response.body() == null ? 0 : response.body().length()).isZero();
  }

  @Test
  @DisplayName("without the needed scope gets 403 insufficient_scope naming the scope")
  void refusesMissingScope() throws Exception {
    HttpResponse<Buffer> response = get("missing-dashboard-scope", "/v1/pages");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("insufficient_scope");
    assertThat(response.bodyAsJsonObject().getString("scope")).isEqualTo("dashboard");
  }

  @Test
  @DisplayName("accepts the Bearer scheme in any case")
  void acceptsAnyCaseOfBearer() throws Exception {
    HttpResponse<Buffer> response = web.get(sim.port(), "127.0.0.1", "/v1/datasets")
        .putHeader("Authorization", "Bearer " + tokenFor("all-passing")).send().await(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
  }
}
