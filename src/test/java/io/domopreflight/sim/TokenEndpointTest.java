package io.domopreflight.sim;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The token endpoint")
class TokenEndpointTest extends SimulatorTestSupport {

  @Test
  @DisplayName("issues a token for GET with query parameters and Basic credentials, with Domo's fields exactly")
  void issuesTokenForGet() throws Exception {
    HttpResponse<Buffer> response = web.get(sim.port(), "127.0.0.1", "/oauth/token")
        .addQueryParam("grant_type", "client_credentials")
        .addQueryParam("scope", "data dashboard")
        .putHeader("Authorization", basic("all-passing", "secret-all-passing"))
        .send().await(10, TimeUnit.SECONDS);

    JsonObject body = response.bodyAsJsonObject();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("access_token", "customer", "expires_in", "jti", "role",
        "scope", "token_type", "userId");
    assertThat(body.getString("token_type")).isEqualTo("bearer");
    assertThat(body.getLong("expires_in")).isEqualTo(3599);
    assertThat(body.getString("scope")).isEqualTo("data dashboard");
  }

  @Test
  @DisplayName("issues a token for POST with a form body and Basic credentials")
  void issuesTokenForPost() throws Exception {
    HttpResponse<Buffer> response = web.post(sim.port(), "127.0.0.1", "/oauth/token")
        .putHeader("Authorization", basic("all-passing", "secret-all-passing"))
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials").add("scope", "data"))
        .await(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("scope")).isEqualTo("data");
  }

  @Test
  @DisplayName("grants the requested scopes the client holds, and all of them when none is requested")
  void intersectsScopes() throws Exception {
    assertThat(tokenResponse("missing-dashboard-scope", "data dashboard").getString("scope")).isEqualTo("data");
    assertThat(tokenResponse("all-passing", null).getString("scope")).isEqualTo("data dashboard");
  }

  @Test
  @DisplayName("returns a JWT whose payload carries exp, scope, customer and clientId")
  void issuesJwt() throws Exception {
    JsonObject token = tokenResponse("all-passing", "data");
    String[] parts = token.getString("access_token").split("\\.");

    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertThat(parts).hasSize(3);
    assertThat(payload.getLong("exp")).isGreaterThan(System.currentTimeMillis() / 1000 + 3500);
    assertThat(payload.getString("scope")).isEqualTo("data");
    assertThat(payload.getString("customer")).isEqualTo("acmeco");
    assertThat(payload.getString("clientId")).isEqualTo("all-passing");
  }

  @Test
  @DisplayName("refuses a wrong secret with 401 Bad credentials")
  void refusesWrongSecret() throws Exception {
    HttpResponse<Buffer> response = web.get(sim.port(), "127.0.0.1", "/oauth/token")
        .addQueryParam("grant_type", "client_credentials")
        .putHeader("Authorization", basic("wrong-secret", "not-the-secret"))
        .send().await(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("error_description")).isEqualTo("Bad credentials");
  }

  @Test
  @DisplayName("ignores credentials sent in the form: without Basic it answers the 401 envelope")
  void readsCredentialsOnlyFromBasic() throws Exception {
    HttpResponse<Buffer> response = web.post(sim.port(), "127.0.0.1", "/oauth/token")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials")
            .add("client_id", "all-passing").add("client_secret", "secret-all-passing"))
        .await(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("toe")).matches("[A-Z0-9]{10}-[A-Z0-9]{5}-[A-Z0-9]{5}");
  }

  @Test
  @DisplayName("answers an HTML page with status 200 for a client that reached the instance host")
  void answersHtmlForInstanceHost() throws Exception {
    HttpResponse<Buffer> response = rawToken("instance-host");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/html");
    assertThat(response.bodyAsString()).startsWith("<!DOCTYPE html>");
  }

  @Test
  @DisplayName("answers nginx's HTML 502 page when the token gateway is down")
  void answersNginx502() throws Exception {
    HttpResponse<Buffer> response = rawToken("token-gateway-502");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.bodyAsString()).contains("<center>nginx</center>");
  }

  @Test
  @DisplayName("counts the tokens it issued")
  void countsTokens() throws Exception {
    tokenFor("all-passing");
    tokenFor("slow-domo");

    assertThat(sim.tokensIssued()).isEqualTo(2);
  }

  private HttpResponse<Buffer> rawToken(String clientId) throws Exception {
    return web.get(sim.port(), "127.0.0.1", "/oauth/token")
        .addQueryParam("grant_type", "client_credentials")
        .putHeader("Authorization", basic(clientId, "secret-" + clientId))
        .send().await(10, TimeUnit.SECONDS);
  }

  private JsonObject tokenResponse(String clientId, String scope) throws Exception {
    var request = web.get(sim.port(), "127.0.0.1", "/oauth/token")
        .addQueryParam("grant_type", "client_credentials")
        .putHeader("Authorization", basic(clientId, "secret-" + clientId));
    if (scope != null) {
      request.addQueryParam("scope", scope);
    }
    return request.send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }
}
