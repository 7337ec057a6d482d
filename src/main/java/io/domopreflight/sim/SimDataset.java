package io.domopreflight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dataset the simulator serves: a DomoStats report (or explicit columns) whose rows are generated from the row
 * index on demand, so a million-row report costs no memory.
 *
 * @param report  the DomoStats report it imitates, or {@code null} for explicit columns
 */
public record SimDataset(String id, String name, String description, DomoStatsReport report,
                         List<ReportColumn> baseColumns, long rows, DatasetBehaviour behaviour) {

  public SimDataset {
    baseColumns = List.copyOf(baseColumns);
  }

  static SimDataset fromJson(JsonObject json) {
    String id = json.getString("id");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("A simulator dataset needs an 'id': " + json.encode());
    }
    DomoStatsReport report = null;
    List<ReportColumn> columns = new ArrayList<>();
    JsonArray explicit = json.getJsonArray("columns");
    if (explicit != null) {
      explicit.forEach(c -> columns.add(ReportColumn.fromJson((JsonObject) c)));
    } else {
      report = DomoStatsReport.fromKey(json.getString("report", "cards"));
      columns.addAll(report.columns());
    }

    String name = json.getString("name", report == null ? "Dataset " + id : "DomoStats " + report.title());
    return new SimDataset(id, name, json.getString("description", ""), report, columns, json.getLong("rows", 0L),
        DatasetBehaviour.parse(json.getString("behaviour")));
  }

  /** The columns as this dataset's behaviour presents them (renamed, dropped or intact). */
  List<ReportColumn> columns() {
    return switch (behaviour.kind()) {
      case CASE_VARIANT -> caseVariantColumns();
      case MISSING_COLUMN -> baseColumns.stream().filter(c -> !c.name().equalsIgnoreCase(behaviour.argument()))
          .toList();
      default -> baseColumns;
    };
  }

  /** How many rows the dataset returns right now; an empty report has not been run yet. */
  long rowCount() {
    return behaviour.kind() == DatasetBehaviour.Kind.EMPTY ? 0 : rows;
  }

  boolean is(DatasetBehaviour.Kind kind) {
    return behaviour.kind() == kind;
  }

  /** Alternates the case of names (id, NAME, type...) so clients must match columns case-insensitively. */
  private List<ReportColumn> caseVariantColumns() {
    List<ReportColumn> renamed = new ArrayList<>();
    for (int i = 0; i < baseColumns.size(); i++) {
      ReportColumn column = baseColumns.get(i);
      String name = i == 1 ? column.name().toUpperCase(Locale.ROOT) : column.name().toLowerCase(Locale.ROOT);
      renamed.add(column.renamed(name));
    }
    return renamed;
  }
}
