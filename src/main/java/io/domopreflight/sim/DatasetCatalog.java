package io.domopreflight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every dataset of the simulated instance: the configured ones (DomoStats reports) followed by {@code datasetCount}
 * ordinary generated ones with deterministic ids, names and, now and then, no description or owner.
 */
final class DatasetCatalog {

  static final List<String> SORTS = List.of("name", "nameDescending", "lastTouched", "lastTouchedAscending",
      "lastUpdated", "lastUpdatedAscending", "createdAt", "createdAtAscending", "cardCount", "cardCountAscending",
      "cardViewCount", "cardViewCountAscending", "errorState", "errorStateDescending", "dataSourceId");

  private static final String[] SUBJECTS = {"Sales Orders", "Web Sessions", "Support Tickets", "Inventory",
      "Campaign Spend", "Headcount", "Invoices", "Product Usage"};
  private static final List<ReportColumn> GENERIC_COLUMNS = List.of(new ReportColumn("Region", "STRING"),
      new ReportColumn("Amount", "DECIMAL"), new ReportColumn("Quantity", "LONG"),
      new ReportColumn("Order Date", "DATE"), new ReportColumn("Updated", "DATETIME"));
  private static final Instant CREATED = Instant.parse("2023-01-02T03:04:05Z");

  private final Map<String, SimDataset> byId = new LinkedHashMap<>();
  private final Map<String, Integer> ordinals = new LinkedHashMap<>();
  private final int generatedCount;

  DatasetCatalog(List<SimDataset> configured, int generatedCount) {
    this.generatedCount = generatedCount;
    configured.forEach(this::add);
    for (int i = 0; i < generatedCount; i++) {
      add(new SimDataset(generatedId(i), generatedName(i), i % 4 == 2 ? "" : "Generated fixture " + (i + 1), null,
          GENERIC_COLUMNS, 1000L + 37L * i, DatasetBehaviour.OK));
    }
  }

  String generatedId(long index) {
    return String.format("0b6a1c3e-0000-4000-8000-%012d", generatedCount == 0 ? 1 : index % generatedCount + 1);
  }

  String generatedName(long index) {
    long i = generatedCount == 0 ? 0 : index % generatedCount;
    return SUBJECTS[(int) (i % SUBJECTS.length)] + String.format(" %03d", i + 1);
  }

  Optional<SimDataset> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The list the client's user can see, filtered and sorted as {@code GET /v1/datasets} asks. */
  List<SimDataset> visible(String nameLike, String sort) {
    String needle = nameLike == null ? null : nameLike.toLowerCase(Locale.ROOT);
    List<SimDataset> list = new ArrayList<>(byId.values().stream()
        .filter(d -> !d.behaviour().hidden() && !d.is(DatasetBehaviour.Kind.DELETED))
        .filter(d -> needle == null || d.name().toLowerCase(Locale.ROOT).contains(needle))
        .toList());
    if (sort != null) {
      list.sort(comparator(sort));
    }
    return list;
  }

  JsonObject listItem(SimDataset dataset) {
    int ordinal = ordinals.get(dataset.id());
    JsonObject json = new JsonObject().put("id", dataset.id()).put("name", dataset.name());
    if (ordinal % 4 != 3) {
      json.put("description", dataset.description());
    }
    json.put("rows", dataset.rowCount()).put("columns", dataset.columns().size());
    if (ordinal % 5 != 4) {
      json.put("owner", new JsonObject().put("id", 27).put("name", "Jane Admin"));
    }
    return json
        .put("dataCurrentAt", updatedAt(ordinal).toString())
        .put("createdAt", createdAt(ordinal).toString())
        .put("updatedAt", updatedAt(ordinal).toString())
        .put("pdpEnabled", false);
  }

  /** The object of {@code GET /v1/datasets/{id}}; deleted datasets keep a subset and federated ones lack a schema. */
  JsonObject detail(SimDataset dataset) {
    if (dataset.is(DatasetBehaviour.Kind.DELETED)) {
      int ordinal = ordinals.get(dataset.id());
      return new JsonObject().put("id", dataset.id()).put("name", dataset.name()).put("deleted", true)
          .put("createdAt", createdAt(ordinal).toString()).put("updatedAt", updatedAt(ordinal).toString());
    }
    JsonObject json = listItem(dataset);
    if (!dataset.is(DatasetBehaviour.Kind.NO_SCHEMA)) {
      JsonArray columns = new JsonArray(dataset.columns().stream().map(ReportColumn::toJson).toList());
      json.put("schema", new JsonObject().put("columns", columns));
    }
    return json.put("policies", new JsonArray());
  }

  private void add(SimDataset dataset) {
    ordinals.put(dataset.id(), ordinals.size());
    byId.put(dataset.id(), dataset);
  }

  private Comparator<SimDataset> comparator(String sort) {
    Comparator<SimDataset> byName = Comparator.comparing(d -> d.name().toLowerCase(Locale.ROOT));
    Comparator<SimDataset> byUpdated = Comparator.comparing(d -> updatedAt(ordinals.get(d.id())));
    Comparator<SimDataset> byCreated = Comparator.comparing(d -> createdAt(ordinals.get(d.id())));
    Comparator<SimDataset> byRows = Comparator.comparingLong(SimDataset::rowCount);
    return switch (sort) {
      case "name" -> byName;
      case "nameDescending" -> byName.reversed();
      case "lastTouched", "lastUpdated" -> byUpdated.reversed();
      case "lastTouchedAscending", "lastUpdatedAscending" -> byUpdated;
      case "createdAt" -> byCreated.reversed();
      case "createdAtAscending" -> byCreated;
      case "cardCount", "cardViewCount" -> byRows.reversed();
      case "cardCountAscending", "cardViewCountAscending" -> byRows;
      default -> Comparator.comparing(SimDataset::id);
    };
  }

  private static Instant createdAt(int ordinal) {
    return CREATED.plus(ordinal * 3L, ChronoUnit.DAYS);
  }

  private static Instant updatedAt(int ordinal) {
    return createdAt(ordinal).plus(400 - ordinal % 300, ChronoUnit.DAYS).plusMillis(123);
  }
}
