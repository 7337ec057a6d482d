package io.domopreflight.domo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DomoStats reports a crawl reads, and the look-alikes users paste by mistake. Columns are matched without
 * regard to case, because Domo spells {@code ID}, {@code Name}, {@code Description} where crawlers ask for
 * {@code id}, {@code name}, {@code description}.
 */
public enum DomoStatsReport {
  CARDS("Cards", "cards", List.of("id", "name", "description"), Set.of("id", "name", "type", "description")),
  CARD_PAGES("Card Pages", "cardPages", List.of("cardId", "pageId"), Set.of("cardid", "pageid", "pagetype")),
  CARD_DATASOURCE("Card Datasource", "cardDatasource", List.of("dataSourceId", "cardId"),
      Set.of("cardid", "datasourceid")),
  CARDS_AND_DATASETS_LEGACY("Cards and Datasets (Legacy)", null, List.of(),
      Set.of("card id", "title", "card type", "dataset id")),
  CARDS_LEGACY("Cards (Legacy)", null, List.of(), Set.of("card id", "title", "card type"));

  private final String title;
  private final String requestField;
  private final List<String> requiredColumns;
  private final Set<String> signature;

  DomoStatsReport(String title, String requestField, List<String> requiredColumns, Set<String> signature) {
    this.title = title;
    this.requestField = requestField;
    this.requiredColumns = requiredColumns;
    this.signature = signature;
  }

  public String title() {
    return title;
  }

  /** The {@code domoStats} field that should hold this report's ID; null for legacy reports. */
  public String requestField() {
    return requestField;
  }

  public List<String> requiredColumns() {
    return requiredColumns;
  }

  public boolean isLegacy() {
    return requestField == null;
  }

  public static DomoStatsReport forRequestField(String field) {
    return Arrays.stream(values()).filter(r -> field.equals(r.requestField)).findFirst().orElseThrow();
  }

  /** The required columns absent from {@code found}, compared without regard to case. */
  public List<String> missingFrom(List<String> found) {
    Set<String> have = lowerCase(found);
    return requiredColumns.stream().filter(c -> !have.contains(c.toLowerCase(Locale.ROOT))).toList();
  }

  /** The known report whose distinctive columns all appear in {@code found}, legacy ones included. */
  public static Optional<DomoStatsReport> recognise(List<String> found) {
    Set<String> have = lowerCase(found);
    return Arrays.stream(values()).filter(r -> have.containsAll(r.signature)).findFirst();
  }

  private static Set<String> lowerCase(List<String> columns) {
    return columns.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
