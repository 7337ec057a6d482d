package io.domopreflight.run;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where runs are kept while they run and for a while after. Backed by Vert.x shared-data async maps: local maps on a
 * single node, Hazelcast maps when clustered, so any node can answer for any run and finish a run whose node left.
 *
 * <ul>
 *   <li>{@code preflight.runs}: run id to the stored {@link RunRecord};</li>
 *   <li>{@code preflight.active}: run id to its owner node, for every run not yet done;</li>
 *   <li>{@code preflight.running}: a request's dedupe key to the run that serves it, while that run is under way.</li>
 * </ul>
 *
 * <p>A stored run never holds a secret: see {@link RunRecord}.
 */
public final class RunStore {

  static final String MAP_NAME = "preflight.runs";
  static final String ACTIVE_MAP_NAME = "preflight.active";
  static final String RUNNING_MAP_NAME = "preflight.running";

  private final AsyncMap<String, JsonObject> runs;
  private final AsyncMap<String, String> active;
  private final AsyncMap<String, String> runningByKey;
  private final long retentionMs;
  private final int maxRetained;
  private final FinishedRuns finished;

  private RunStore(AsyncMap<String, JsonObject> runs, AsyncMap<String, String> active,
                   AsyncMap<String, String> runningByKey, long retentionMs, int maxRetained, FinishedRuns finished) {
    this.runs = runs;
    this.active = active;
    this.runningByKey = runningByKey;
    this.retentionMs = retentionMs;
    this.maxRetained = maxRetained;
    this.finished = finished;
  }

  /** A store for reading and following runs; it never finishes one, so it needs no bound on finished runs. */
  public static Future<RunStore> create(Vertx vertx, long retentionMs) {
    return create(vertx, retentionMs, Integer.MAX_VALUE);
  }

  /**
   * @param retentionMs how long a finished run is kept before it is forgotten
   * @param maxRetained how many runs finished on this node are kept at most; the oldest are forgotten first
   */
  public static Future<RunStore> create(Vertx vertx, long retentionMs, int maxRetained) {
    var shared = vertx.sharedData();
    FinishedRuns finished = FinishedRuns.of(vertx);
    return shared.<String, JsonObject>getAsyncMap(MAP_NAME)
        .compose(runs -> shared.<String, String>getAsyncMap(ACTIVE_MAP_NAME)
            .compose(active -> shared.<String, String>getAsyncMap(RUNNING_MAP_NAME)
                .map(running -> new RunStore(runs, active, running, retentionMs, maxRetained, finished))));
  }

  /** Stores the run; it lives until its deadline (while running) plus the retention time. */
  public Future<Void> save(RunRecord run) {
    // A copy: the coordinator goes on changing its record while readers on other event loops hold this one.
    return runs.put(run.id(), snapshot(run.json()), ttl(run));
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

  /**
   * Counts a run as finished on this node and forgets this node's oldest finished run beyond the bound, so that a
   * steady stream of runs holds a bounded amount of memory rather than the retention time's worth.
   */
  Future<Void> retain(RunRecord run) {
    String oldest = finished.add(run.id(), maxRetained);
    return oldest == null ? Future.succeededFuture() : runs.remove(oldest).mapEmpty();
  }

  /** Forgets a run that was stored but never started. */
  Future<Void> discard(String id) {
    return runs.remove(id).mapEmpty();
  }

  /**
   * Makes the run the one that serves its dedupe key, unless another run already does: then returns that run's id.
   */
  Future<String> claim(RunRecord run, long ttlMs) {
    return runningByKey.putIfAbsent(run.dedupeKey(), run.id(), ttlMs);
  }

  /** Lists the run among the runs under way, with the node that coordinates it. */
  Future<Void> markActive(RunRecord run) {
    return active.put(run.id(), run.owner(), ttl(run));
  }

  /** Takes a finished run off the list of runs under way and frees its dedupe key. */
  Future<Void> markFinished(RunRecord run) {
    return Future.join(active.remove(run.id()), runningByKey.removeIfPresent(run.dedupeKey(), run.id())).mapEmpty();
  }

  /** Drops the listing of a run that is no longer stored. */
  Future<Void> forgetActive(String id) {
    return active.remove(id).mapEmpty();
  }

  /** Every run under way, by id, with the node that coordinates it. */
  Future<Map<String, String>> activeRuns() {
    return active.entries();
  }

  private long ttl(RunRecord run) {
    long until = run.isDone() ? 0 : Math.max(0, run.deadlineAt() - System.currentTimeMillis());
    return until + retentionMs;
  }
}
