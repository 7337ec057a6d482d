package io.domopreflight.http;

import io.domopreflight.app.Service;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("The request budget of an API key")
class NodeRequestBudgetTest {

  private static final String KEY = "key-budget-0123456789";

  @Test
  @DisplayName("is one per node, however many HTTP verticle instances share the port")
  void isSharedByEveryInstance(Vertx vertx) throws IOException {
    JsonObject config = new JsonObject().put("http.host", "127.0.0.1").put("http.port", freePort())
        .put("http.instances", 3).put("auth.apiKeys", new JsonArray().add(KEY)).put("auth.requestsPerMinute", 4);
    int port = Await.result(Service.deployHttp(vertx, config));
    // A new connection per request, so that Vert.x hands the requests to the instances in turn.
    WebClient web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false)
        .setDefaultHost("127.0.0.1").setDefaultPort(port));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      statuses.add(Await.result(web.get("/api/v1/checks").bearerTokenAuthentication(KEY).send()).statusCode());
    }

    assertThat(statuses.subList(0, 4)).containsOnly(200);
    assertThat(statuses.subList(4, 12)).containsOnly(429);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
