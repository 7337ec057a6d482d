package io.domopreflight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The export and Page APIs")
class ExportAndPagesTest extends SimulatorTestSupport {

  @Override
  SimulatorConfig configure(SimulatorConfig defaults) {
    return defaults.withPageCount(1200);
  }

  @Test
  @DisplayName("export starts with the report's header row when includeHeader is True")
  void exportsHeader() throws Exception {
    String csv = get("all-passing", "/v1/datasets/c4a7d1e0-5a11-4c0b-9d01-000000000003/data?includeHeader=True")
        .bodyAsString();

    assertThat(csv.lines().findFirst()).contains("cardId,dataSourceId");
    assertThat(csv.lines().count()).isEqualTo(241);
  }

  @Test
  @DisplayName("export has no header row when includeHeader is absent")
  void exportsWithoutHeader() throws Exception {
    String csv = get("all-passing", "/v1/datasets/c4a7d1e0-5a11-4c0b-9d01-000000000002/data").bodyAsString();

    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("100001,1700000001,page");
  }

  @Test
  @DisplayName("pages clamps its limit to 500 top-level pages")
  void clampsPagesLimit() throws Exception {
    JsonArray pages = get("all-passing", "/v1/pages?limit=5000").bodyAsJsonArray();

    assertThat(pages).hasSize(500);
  }

  @Test
  @DisplayName("pages are trees of id, name and children, up to three levels deep")
  void answersTrees() throws Exception {
    JsonObject first = get("all-passing", "/v1/pages?limit=1").bodyAsJsonArray().getJsonObject(0);

    assertThat(first.fieldNames()).containsExactlyInAnyOrder("id", "name", "children");
    JsonObject child = first.getJsonArray("children").getJsonObject(0);
    assertThat(child.getJsonArray("children").getJsonObject(0).getJsonArray("children")).isEmpty();
  }
}
