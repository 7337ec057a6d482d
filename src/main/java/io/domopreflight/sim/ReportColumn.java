package io.domopreflight.sim;

import io.vertx.core.json.JsonObject;

/** One column of a dataset schema; {@code type} is one of Domo's STRING, DECIMAL, LONG, DOUBLE, DATE, DATETIME. */
public record ReportColumn(String name, String type) {

  static ReportColumn fromJson(JsonObject json) {
    return new ReportColumn(json.getString("name"), json.getString("type", "STRING"));
  }

  JsonObject toJson() {
    return new JsonObject().put("type", type).put("name", name);
  }

  ReportColumn renamed(String newName) {
    return new ReportColumn(newName, type);
  }
}
