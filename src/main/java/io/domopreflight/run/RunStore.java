package io.domopreflight.run;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Where runs are kept while they run and for a while after. Backed by the Vert.x shared-data async map: a local map
 * on a single node, a Hazelcast map when clustered, so any node can answer for any run.
 *
 * <p>A stored run never holds a secret: see {@link RunRecord}.
 */
public final class RunStore {

  static final String MAP_NAME = "preflight.runs";

  private final AsyncMap<String, JsonObject> runs;
  private final long retentionMs;

  private RunStore(AsyncMap<String, JsonObject> runs, long retentionMs) {
    this.runs = runs;
    this.retentionMs = retentionMs;
  }

  /** @param retentionMs how long a finished run is kept before it is forgotten */
  public static Future<RunStore> create(Vertx vertx, long retentionMs) {
    return vertx.sharedData().<String, JsonObject>getAsyncMap(MAP_NAME)
        .map(map -> new RunStore(map, retentionMs));
  }

  /** Stores the run; it lives until its deadline (while running) plus the retention time. */
  public Future<Void> save(RunRecord run) {
    long until = run.isDone() ? 0 : Math.max(0, run.deadlineAt() - System.currentTimeMillis());
    // A copy: the coordinator goes on changing its record while readers on other event loops hold this one.
    return runs.put(run.id(), snapshot(run.json()), until + retentionMs);
  }

  /**
   * A copy of the record's top level and of its two lists, sharing their items. The coordinator never changes a
   * check result or an event once it is in a list (it replaces a check's entry, it appends events), so sharing them is
   * safe, and a save costs the same for the seventh event as for the first instead of copying every event again.
   */
  static JsonObject snapshot(JsonObject record) {
    JsonObject copy = new JsonObject(new LinkedHashMap<>(record.getMap()));
    for (String list : new String[] {"checks", "events"}) {
      JsonArray items = record.getJsonArray(list);
      if (items != null) {
        copy.put(list, new JsonArray(new ArrayList<>(items.getList())));
      }
    }
    return copy;
  }

  /** The run, or {@code null} when it is unknown or forgotten. */
  public Future<RunRecord> find(String id) {
    return runs.get(id).map(json -> json == null ? null : new RunRecord(json));
  }
}
