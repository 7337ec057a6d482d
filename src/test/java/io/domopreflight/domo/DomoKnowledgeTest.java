package io.domopreflight.domo;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("What the client knows about Domo")
class DomoKnowledgeTest {

  private static final String ID = "0b6a1c3e-0000-4000-8000-000000000001";

  @Test
  @DisplayName("reads a DataSet ID bare, upper-case or inside its Domo URL, and refuses anything else")
  void normalisesDatasetIds() {
    assertThat(DatasetId.normalise(" " + ID + " ")).contains(ID);
    assertThat(DatasetId.normalise(ID.toUpperCase())).contains(ID);
    assertThat(DatasetId.normalise("https://acme.domo.com/datasource/" + ID + "/details/overview")).contains(ID);
    assertThat(DatasetId.normalise("acme.domo.com/datasources/" + ID + "/details/data/table")).contains(ID);
    assertThat(DatasetId.normalise("Cards")).isEmpty();
    assertThat(DatasetId.normalise(ID + "x")).isEmpty();
  }

  @Test
  @DisplayName("matches report columns without regard to case and names the missing ones")
  void matchesColumnsCaseInsensitively() {
    assertThat(DomoStatsReport.CARDS.missingFrom(List.of("ID", "Name", "Type", "Description"))).isEmpty();
    assertThat(DomoStatsReport.CARDS.missingFrom(List.of("id", "NAME"))).containsExactly("description");
    assertThat(DomoStatsReport.CARD_DATASOURCE.missingFrom(List.of("cardId"))).containsExactly("dataSourceId");
  }

  @Test
  @DisplayName("recognises each DomoStats report and the legacy look-alikes from their columns")
  void recognisesReports() {
    assertThat(DomoStatsReport.recognise(List.of("cardId", "pageId", "pageType"))).contains(DomoStatsReport.CARD_PAGES);
    assertThat(DomoStatsReport.recognise(List.of("cardId", "dataSourceId")))
        .contains(DomoStatsReport.CARD_DATASOURCE);
    assertThat(DomoStatsReport.recognise(List.of("Card ID", "Title", "Card Type", "Owner Name")))
        .contains(DomoStatsReport.CARDS_LEGACY);
    assertThat(DomoStatsReport.recognise(List.of("Card ID", "Title", "Card Type", "Dataset ID")))
        .contains(DomoStatsReport.CARDS_AND_DATASETS_LEGACY);
    assertThat(DomoStatsReport.recognise(List.of("x", "y"))).isEmpty();
  }

  @Test
  @DisplayName("reads Retry-After as seconds or as an HTTP date, and waits a second when it is missing")
  void readsRetryAfter() {
    String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(3));

    assertThat(DomoClient.retryAfterMs("2")).isEqualTo(2000);
    assertThat(DomoClient.retryAfterMs(inThreeSeconds)).isBetween(1000L, 3000L);
    assertThat(DomoClient.retryAfterMs(null)).isEqualTo(1000);
    assertThat(DomoClient.retryAfterMs("soon")).isEqualTo(1000);
  }

  @Test
  @DisplayName("removes known secrets, token fields, bearer headers and JWTs from Domo's answers")
  void redactsSecrets() {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";
    String echoed = "{\"access_token\":\"opaque-123\",\"note\":\"bearer abcdefghijk and " + jwt
        + " and my-client-secret\"}";

    String clean = Redactor.redact(echoed, Set.of("my-client-secret"));

    assertThat(clean).doesNotContain("opaque-123", "abcdefghijk", jwt, "my-client-secret").contains(Redactor.MARK);
    assertThat(Redactor.redact("x".repeat(10_000), Set.of())).hasSizeLessThan(Redactor.MAX_SHOWN_CHARS + 2);
  }

  @Test
  @DisplayName("takes an API host as a name or base URL, allowing plain http only where the allowlist says so")
  void parsesAndAllowsHosts() {
    AllowedHosts allowed = AllowedHosts.of(List.of("api.domo.com", "http://127.0.0.1"));

    assertThat(ApiHost.parse("api.domo.com").baseUrl()).isEqualTo("https://api.domo.com");
    assertThat(allowed.allows(ApiHost.parse("https://API.domo.com/"))).isTrue();
    assertThat(allowed.allows(ApiHost.parse("http://api.domo.com"))).isFalse();
    assertThat(allowed.allows(ApiHost.parse("http://127.0.0.1:8123"))).isTrue();
    assertThat(allowed.allows(ApiHost.parse("https://acme.domo.com"))).isFalse();
    assertThatThrownBy(() -> ApiHost.parse("ftp://api.domo.com")).hasMessageContaining("https");
    assertThatThrownBy(() -> ApiHost.parse("https://api.domo.com/v1")).hasMessageContaining("without a path");
    assertThatThrownBy(() -> ApiHost.parse("https://api.domo.com:99999")).hasMessageContaining("port");
    assertThatThrownBy(() -> ApiHost.parse("http://127.0.0.1:0")).hasMessageContaining("port");
  }

  @Test
  @DisplayName("reads the columns and first rows of a query answer cut off at the cap")
  void readsACutOffQueryAnswer() {
    String cut = "{\"datasource\":\"x\",\"columns\":[\"ID\",\"Name\",\"Description\"],"
        + "\"metadata\":[{\"type\":\"LONG\"}],"
        + "\"rows\":[[1,\"a\",\"b\"],[2,\"c\",\"d\"],[3,\"e";

    JsonPrefix.QueryPrefix read = JsonPrefix.queryAnswer(cut);

    assertThat(read.columns()).containsExactly("ID", "Name", "Description");
    assertThat(read.rowsSeen()).isGreaterThanOrEqualTo(2);
    assertThat(JsonPrefix.queryAnswer("<html>")).isNull();
    assertThat(JsonPrefix.startsArray("\uFEFF [{\"id\": \"x")).isTrue();
    assertThat(JsonPrefix.startsArray("{\"datasets\": [")).isFalse();
  }
}
