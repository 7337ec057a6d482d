package io.domopreflight.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The DataSet API")
class DatasetsEndpointTest extends SimulatorTestSupport {

  @Test
  @DisplayName("clamps the page size to 50 even when more is asked")
  void clampsLimit() throws Exception {
    HttpResponse<Buffer> response = get("all-passing", "/v1/datasets?limit=500");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonArray()).hasSize(50);
  }

  @Test
  @DisplayName("pages with offset and answers an empty array past the end")
  void pagesWithOffset() throws Exception {
    String token = tokenFor("all-passing");

    JsonArray first = getWithToken("/v1/datasets?limit=50&offset=0", token).bodyAsJsonArray();
    JsonArray second = getWithToken("/v1/datasets?limit=50&offset=50", token).bodyAsJsonArray();
    JsonArray past = getWithToken("/v1/datasets?limit=50&offset=100000", token).bodyAsJsonArray();
    assertThat(first.getJsonObject(0).getString("id")).isNotEqualTo(second.getJsonObject(0).getString("id"));
    assertThat(past).isEmpty();
  }

  @Test
  @DisplayName("refuses an unknown sort value with a 400 envelope")
  void refusesUnknownSort() throws Exception {
    HttpResponse<Buffer> response = get("all-passing", "/v1/datasets?sort=popularity");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("statusReason")).isEqualTo("Bad Request");
  }

  @Test
  @DisplayName("filters by nameLike, ignoring case")
  void filtersByName() throws Exception {
    JsonArray found = get("all-passing", "/v1/datasets?nameLike=domostats%20card%20pages").bodyAsJsonArray();

    assertThat(found).isNotEmpty();
    found.forEach(item -> assertThat(((JsonObject) item).getString("name")).containsIgnoringCase("card pages"));
  }

  @Test
  @DisplayName("describes a DomoStats dataset by id with its report columns in schema.columns")
  void describesDataset() throws Exception {
    JsonObject dataset = get("all-passing", "/v1/datasets/" + CARDS).bodyAsJsonObject();

    assertThat(dataset.getJsonObject("schema").getJsonArray("columns").stream()
        .map(c -> ((JsonObject) c).getString("name")))
        .containsExactly("ID", "Name", "Type", "Description", "Created Date", "LastModified", "Locked", "URL");
  }

  @Test
  @DisplayName("answers an unknown dataset id with the 404 Domo envelope")
  void refusesUnknownId() throws Exception {
    HttpResponse<Buffer> response = get("all-passing", "/v1/datasets/deadbeef-0000-4000-8000-000000000404");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().fieldNames()).contains("status", "statusReason", "message", "toe");
  }
}
