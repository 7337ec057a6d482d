package io.domopreflight.sim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Generates the value of any cell from the column name and the row index alone. Card, page and dataset ids line up
 * across the Cards, Card Pages and Card Datasource reports and the page and dataset fixtures: row {@code i} of each
 * report describes card {@code 100001 + i}.
 */
final class RowValues {

  static final long FIRST_CARD_ID = 100_001L;

  private static final String[] CARD_TYPES = {"Chart", "Notebook", "Doc Card", "Enterprise App", "Sumo Table",
      "Image", "Poll"};
  private static final Instant EPOCH = Instant.parse("2024-01-01T08:00:00Z");

  private final PageTree pages;
  private final DatasetCatalog datasets;
  private final String customer;

  RowValues(PageTree pages, DatasetCatalog datasets, String customer) {
    this.pages = pages;
    this.datasets = datasets;
    this.customer = customer;
  }

  Object value(ReportColumn column, long row) {
    long cardId = FIRST_CARD_ID + row;
    int page = pages.count() == 0 ? 0 : (int) (row % pages.count());
    String key = column.name().toLowerCase(Locale.ROOT).replace(" ", "");

    return switch (key) {
      case "id", "cardid" -> cardId;
      case "name", "title" -> "Card " + cardId;
      case "type", "cardtype" -> CARD_TYPES[(int) (row % CARD_TYPES.length)];
      case "description" -> row % 5 == 4 ? "" : "Tracks metric " + cardId;
      case "createddate" -> timestamp(row, 0);
      case "lastmodified", "lastmodifieddate/time" -> timestamp(row, 3);
      case "locked" -> row % 7 == 0 ? 1 : 0;
      case "url" -> "https://" + customer + ".domo.com/kpis/details/" + cardId;
      case "pageid" -> PageTree.pageId(page);
      case "page" -> PageTree.name(page);
      case "pagetype" -> "page";
      case "parentpageid" -> pages.parentIndex(page) < 0 ? 0 : PageTree.pageId(pages.parentIndex(page));
      case "datasourceid", "datasetid" -> datasets.generatedId(row);
      case "datasetname" -> datasets.generatedName(row);
      case "owneruserid" -> 27;
      case "ownername" -> "Jane Admin";
      default -> byType(column.type(), row);
    };
  }

  private static Object byType(String type, long row) {
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "LONG" -> row;
      case "DECIMAL", "DOUBLE" -> row * 1.5;
      case "DATE" -> timestamp(row, 0).substring(0, 10);
      case "DATETIME" -> timestamp(row, 0);
      default -> "value " + row;
    };
  }

  private static String timestamp(long row, long extraDays) {
    return EPOCH.plus(row % 700 + extraDays, ChronoUnit.DAYS).plus(row % 1440, ChronoUnit.MINUTES).toString();
  }
}
