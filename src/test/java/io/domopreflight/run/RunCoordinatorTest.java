package io.domopreflight.run;

import io.domopreflight.Addresses;
import io.domopreflight.TestEngine;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.domopreflight.TestEngine.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The run coordinator")
class RunCoordinatorTest {

  private static TestEngine engine;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
  }

  @BeforeEach
  void clearLog() {
    engine.simulator.reset();
  }

  @Test
  @DisplayName("asks Domo for one token per run, and for none while the cached token is fresh")
  void asksForOneTokenPerRunAtMost() throws Exception {
    JsonObject request = engine.scenario("all-passing").put("clientSecret", "secret-all-passing");
    int before = engine.simulator.tokensIssued();

    JsonObject first = engine.run(request);
    int afterFirst = engine.simulator.tokensIssued();
    JsonObject second = engine.run(request);

    assertThat(first.getString("outcome")).isEqualTo("passed");
    assertThat(second.getString("outcome")).isEqualTo("passed");
    assertThat(afterFirst - before).isLessThanOrEqualTo(1);
    assertThat(engine.simulator.tokensIssued()).isEqualTo(afterFirst);
    assertThat(result(second, "authentication").getJsonObject("evidence").getBoolean("tokenFromCache")).isTrue();
  }

  @Test
  @DisplayName("sends one call per API check and reads DomoStats reports one row at a time")
  void sendsOneCallPerCheck() throws Exception {
    engine.run(engine.scenario("all-passing"));

    List<JsonObject> calls = engine.simulator.requests().stream()
        .filter(r -> r.getString("path").startsWith("/v1/")).toList();
    assertThat(calls).hasSize(5);
    assertThat(calls).filteredOn(r -> r.getString("path").startsWith("/v1/datasets/query/execute/"))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.getValue("body").toString()).contains("LIMIT 1"));
    assertThat(calls).filteredOn(r -> r.getString("path").equals("/v1/datasets"))
        .singleElement().satisfies(r -> assertThat(r.getString("query")).isEqualTo("limit=1"));
  }

  @Test
  @DisplayName("requests the data and dashboard scopes with HTTP Basic and never sends the secret to the API")
  void requestsTheScopesWithBasicAuthentication() throws Exception {
    engine.run(engine.scenario("wrong-secret"));

    JsonObject tokenCall = engine.simulator.requests().stream()
        .filter(r -> r.getString("path").equals("/oauth/token")).findFirst().orElseThrow();
    assertThat(tokenCall.getString("method")).isEqualTo("POST");
    assertThat(tokenCall.getString("authScheme")).isEqualToIgnoringCase("basic");
    assertThat(tokenCall.getJsonObject("form").getString("grant_type")).isEqualTo("client_credentials");
    assertThat(tokenCall.getJsonObject("form").getString("scope")).isEqualTo("data dashboard");
    assertThat(engine.simulator.requests().toString()).doesNotContain("not-the-secret");
  }

  @Test
  @DisplayName("accepts a DomoStats dataset given as its Domo URL")
  void acceptsADatasetUrl() throws Exception {
    JsonObject request = engine.scenario("all-passing");
    String id = request.getJsonObject("domoStats").getString("cards");
    request.getJsonObject("domoStats").put("cards", "https://acme.domo.com/datasource/" + id + "/details/overview");

    JsonObject cards = result(engine.run(request), "cards");

    assertThat(cards.getString("outcome")).isEqualTo("passed");
    assertThat(cards.getJsonObject("evidence").getString("datasetId")).isEqualTo(id);
  }

  @Test
  @DisplayName("fails a DomoStats check without a dataset ID, naming the field to fill")
  void failsAMissingDatasetId() throws Exception {
    JsonObject request = engine.scenario("all-passing");
    request.getJsonObject("domoStats").remove("cardPages");
    request.getJsonObject("domoStats").put("cardDatasource", "not a dataset");

    JsonObject report = engine.run(request);

    JsonObject missing = result(report, "card-dashboard");
    assertThat(missing.getString("outcome")).isEqualTo("failed");
    assertThat(missing.getString("category")).isEqualTo("configuration");
    assertThat(missing.getString("hint")).contains("domoStats.cardPages").contains("Card Pages");
    JsonObject invalid = result(report, "dataset-card");
    assertThat(invalid.getString("category")).isEqualTo("configuration");
    assertThat(invalid.getString("message")).startsWith("Check failed");
  }

  @Test
  @DisplayName("says which columns are missing and which it found")
  void namesMissingAndFoundColumns() throws Exception {
    JsonObject result = result(engine.run(engine.scenario("missing-column")), "dataset-card");

    assertThat(result.getString("message")).contains("dataSourceId").contains("cardId");
    assertThat(result.getJsonObject("evidence").getJsonArray("columns")).isNotEmpty();
  }

  @Test
  @DisplayName("recognises the legacy Cards report and a report pasted into the wrong field")
  void recognisesLegacyAndSwappedReports() throws Exception {
    JsonObject legacy = result(engine.run(engine.scenario("legacy-cards-report")), "cards");
    JsonObject swapped = result(engine.run(engine.scenario("swapped-reports")), "cards");

    assertThat(legacy.getString("message")).contains("Cards (Legacy)");
    assertThat(swapped.getString("message")).contains("Card Pages");
    assertThat(swapped.getString("hint")).contains("domoStats.cardPages");
  }

  @Test
  @DisplayName("puts Domo's error body and #STATUS suffix in the response of a failed check")
  void keepsDomosAnswer() throws Exception {
    JsonObject datasets = result(engine.run(engine.scenario("access-denied")), "datasets");

    assertThat(datasets.getInteger("httpStatus")).isEqualTo(403);
    assertThat(datasets.getString("response")).startsWith("{").endsWith("#STATUS:403").contains("\"status\":403");
  }

  @Test
  @DisplayName("skips the API checks, saying why, when authentication does not pass")
  void skipsAfterFailedAuthentication() throws Exception {
    JsonObject report = engine.run(engine.scenario("wrong-secret"));

    JsonObject datasets = result(report, "datasets");
    assertThat(datasets.getString("outcome")).isEqualTo("skipped");
    assertThat(datasets.getString("message")).contains("Authentication did not pass");
    assertThat(engine.simulator.requests()).noneMatch(r -> r.getString("path").startsWith("/v1/"));
  }

  @Test
  @DisplayName("runs only the checks asked for, with authentication first")
  void runsTheChecksAskedFor() throws Exception {
    JsonObject request = engine.scenario("all-passing").put("checks", new JsonArray().add("dashboards"));

    JsonObject report = engine.run(request);

    assertThat(report.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("check")))
        .containsExactly("authentication", "dashboards");
  }

  @Test
  @DisplayName("refuses a request without a secret, with unknown checks or a host outside the allowlist")
  void refusesBadRequests() {
    JsonObject noSecret = engine.scenario("all-passing");
    noSecret.remove("clientSecret");
    JsonObject unknownCheck = engine.scenario("all-passing").put("checks", new JsonArray().add("lineage"));
    JsonObject foreignHost = engine.scenario("all-passing").put("apiHost", "https://internal.example.com");

    assertThatThrownBy(() -> engine.run(noSecret)).satisfies(e -> assertRefused(e, "clientSecret"));
    assertThatThrownBy(() -> engine.run(unknownCheck)).satisfies(e -> assertRefused(e, "checks[0]"));
    assertThatThrownBy(() -> engine.run(foreignHost)).satisfies(e -> {
      assertRefused(e, "apiHost");
      assertThat(e.getMessage()).contains("domo.allowedHosts");
    });
  }

  @Test
  @DisplayName("refuses a bus message that is not a JSON object with code 400 instead of staying silent")
  void refusesNonObjectMessages() {
    for (Object body : new Object[] {"{\"clientId\": \"x\"}", new JsonArray().add(1), 42}) {
      assertThatThrownBy(() -> engine.vertx.eventBus().request(Addresses.START, body).await(5, TimeUnit.SECONDS))
          .isInstanceOf(ReplyException.class)
          .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(400));
    }
  }

  @Test
  @DisplayName("lets an identical request join the run still under way instead of calling Domo twice")
  void joinsAnIdenticalRunningRun() throws Exception {
    JsonObject request = engine.scenario("slow-domo");

    JsonObject first = engine.vertx.eventBus().<JsonObject>request(Addresses.START, request)
        .await(5, TimeUnit.SECONDS).body();
    JsonObject second = engine.vertx.eventBus().<JsonObject>request(Addresses.START, request.copy())
        .await(5, TimeUnit.SECONDS).body();
    JsonObject report = engine.run(request.copy());

    assertThat(second.getString("id")).isEqualTo(first.getString("id"));
    assertThat(report.getString("id")).isEqualTo(first.getString("id"));
    assertThat(engine.simulator.requests()).filteredOn(r -> r.getString("path").equals("/v1/pages")).hasSize(1);
  }

  @Test
  @DisplayName("keeps secrets and tokens out of stored runs, events and reports")
  void keepsSecretsOut() throws Exception {
    JsonObject request = engine.scenario("all-passing");
    JsonObject report = engine.run(request);
    RunRecord stored = RunStore.create(engine.vertx, 60_000)
        .compose(store -> store.find(report.getString("id"))).await(5, TimeUnit.SECONDS);

    String everything = report.encode() + stored.json().encode();
    assertThat(everything).doesNotContain(request.getString("clientSecret")).doesNotContain("eyJ")
        .doesNotContain("accessToken").doesNotContain("access_token");
    assertThat(stored.events()).hasSize(7);
  }

  private static void assertRefused(Throwable error, String field) {
    assertThat(error).isInstanceOf(ReplyException.class);
    ReplyException reply = (ReplyException) error;
    assertThat(reply.failureCode()).isEqualTo(InvalidRequestException.FAILURE_CODE);
    assertThat(InvalidRequestException.fromWire(reply.getMessage()).errors())
        .anySatisfy(e -> assertThat(e.field()).isEqualTo(field));
  }
}
