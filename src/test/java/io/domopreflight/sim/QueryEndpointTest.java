package io.domopreflight.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The query API")
class QueryEndpointTest extends SimulatorTestSupport {

  @Override
  SimulatorConfig configure(SimulatorConfig defaults) {
    return defaults.withDataset(new JsonObject().put("id", "flaky-query").put("report", "cardPages").put("rows", 10)
        .put("behaviour", "query_error_once"));
  }

  @Test
  @DisplayName("answers LIMIT 1 on a million-row Cards report with one row and the report's columns, quickly")
  void limitsMillionRowReport() throws Exception {
    String token = tokenFor("all-passing");
    long started = System.currentTimeMillis();

    HttpResponse<Buffer> response = web.post(sim.port(), "127.0.0.1", "/v1/datasets/query/execute/" + MILLION_CARDS)
        .putHeader("Authorization", "bearer " + token)
        .sendJsonObject(new JsonObject().put("sql", "SELECT * FROM table LIMIT 1")).await(10, TimeUnit.SECONDS);

    JsonObject body = response.bodyAsJsonObject();
    // Generous, so that a busy machine does not fail it; what matters is that the rows are not all built.
    assertThat(System.currentTimeMillis() - started).isLessThan(5_000);
    assertThat(body.getJsonArray("columns")).containsExactly("ID", "Name", "Type", "Description", "Created Date",
        "LastModified", "Locked", "URL");
    assertThat(body.getJsonArray("rows")).hasSize(1);
    assertThat(body.getInteger("numRows")).isEqualTo(1);
    assertThat(body.getInteger("numColumns")).isEqualTo(8);
    assertThat(body.getBoolean("fromcache")).isFalse();
  }

  @Test
  @DisplayName("selects only the named columns")
  void selectsColumns() throws Exception {
    JsonObject body = query("all-passing", CARDS, "SELECT ID, Name FROM table LIMIT 3").bodyAsJsonObject();

    assertThat(body.getJsonArray("columns")).containsExactly("ID", "Name");
    assertThat(body.getJsonArray("rows")).hasSize(3);
    assertThat(body.getJsonArray("metadata").getJsonObject(0).getString("type")).isEqualTo("LONG");
  }

  @Test
  @DisplayName("refuses sql given as an object with 400 Cannot deserialize")
  void refusesObjectSql() throws Exception {
    HttpResponse<Buffer> response = query("all-passing", CARDS, new JsonObject().put("text", "SELECT 1"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message"))
        .isEqualTo("Cannot deserialize instance of java.lang.String out of START_OBJECT token");
  }

  @Test
  @DisplayName("refuses a request without a body with 400")
  void refusesMissingBody() throws Exception {
    assertThat(query("all-passing", CARDS, null).statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("answers a dataset not shared with the user with 400 Access is denied")
  void refusesUnsharedDataset() throws Exception {
    HttpResponse<Buffer> response = query("dataset-not-shared", "c4a7d1e0-5a11-4c0b-9d01-000000000017",
        "SELECT * FROM table LIMIT 1");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message"))
        .isEqualTo("Infrastructure problem (403): Access is denied");
  }

  @Test
  @DisplayName("fails with Error creating query once, then answers the retry")
  void failsOnceThenAnswers() throws Exception {
    HttpResponse<Buffer> first = query("all-passing", "flaky-query", "SELECT * FROM table LIMIT 1");
    HttpResponse<Buffer> retry = query("all-passing", "flaky-query", "SELECT * FROM table LIMIT 1");

    assertThat(first.bodyAsJsonObject().getString("message")).isEqualTo("Error creating query");
    assertThat(retry.statusCode()).isEqualTo(200);
  }
}
