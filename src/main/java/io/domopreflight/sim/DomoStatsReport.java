package io.domopreflight.sim;

import java.util.Arrays;
import java.util.List;

/**
 * The DomoStats reports a user may point the preflight at, with their column names exactly as the DomoStats
 * connector documents them. The legacy reports are the look-alikes a user may pick by mistake.
 */
public enum DomoStatsReport {
  CARDS("cards", "Cards", List.of(
      col("ID", "LONG"), col("Name", "STRING"), col("Type", "STRING"), col("Description", "STRING"),
      col("Created Date", "DATETIME"), col("LastModified", "DATETIME"), col("Locked", "LONG"), col("URL", "STRING"))),
  CARD_PAGES("cardPages", "Card Pages", List.of(
      col("cardId", "LONG"), col("pageId", "LONG"), col("pageType", "STRING"))),
  CARD_DATASOURCE("cardDatasource", "Card Datasource", List.of(
      col("cardId", "LONG"), col("dataSourceId", "STRING"))),
  CARDS_LEGACY("cardsLegacy", "Cards (Legacy)", List.of(
      col("Card ID", "LONG"), col("Title", "STRING"), col("Card Type", "STRING"), col("Owner User ID", "LONG"),
      col("Owner Name", "STRING"), col("Page", "STRING"), col("Page ID", "LONG"),
      col("Last Modified Date/Time", "DATETIME"), col("Locked", "LONG"), col("Description", "STRING"))),
  CARDS_AND_DATASETS_LEGACY("cardsAndDatasetsLegacy", "Cards and Datasets (Legacy)", List.of(
      col("Card ID", "LONG"), col("Title", "STRING"), col("Card Type", "STRING"), col("Owner User ID", "LONG"),
      col("Owner Name", "STRING"), col("Page", "STRING"), col("Page ID", "LONG"),
      col("Last Modified Date/Time", "DATETIME"), col("Locked", "LONG"), col("Description", "STRING"),
      col("Dataset ID", "STRING"), col("Dataset Name", "STRING"), col("Page Type", "STRING"),
      col("Parent Page ID", "LONG")));

  private final String key;
  private final String title;
  private final List<ReportColumn> columns;

  DomoStatsReport(String key, String title, List<ReportColumn> columns) {
    this.key = key;
    this.title = title;
    this.columns = columns;
  }

  public static DomoStatsReport fromKey(String key) {
    return Arrays.stream(values())
        .filter(r -> r.key.equalsIgnoreCase(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown report '" + key + "'. Known reports: "
            + Arrays.stream(values()).map(DomoStatsReport::key).toList() + ", or give explicit columns"));
  }

  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  public List<ReportColumn> columns() {
    return columns;
  }

  private static ReportColumn col(String name, String type) {
    return new ReportColumn(name, type);
  }
}
