package io.domopreflight.run;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.ArrayDeque;

/**
 * The runs this node finished, oldest first, so that the store keeps a bounded number of them whatever the rate.
 * One per Vert.x instance, shared by the coordinator and the takeover of lost runs.
 *
 * <p>Each node bounds the runs it finished itself; a cluster of n nodes keeps up to n times the bound. An id whose
 * run already expired stays here until it is pushed out, which costs an id, not a run.
 */
final class FinishedRuns implements Shareable {

  private static final String MAP = "preflight.finished";

  private final ArrayDeque<String> ids = new ArrayDeque<>();

  static FinishedRuns of(Vertx vertx) {
    LocalMap<String, FinishedRuns> map = vertx.sharedData().getLocalMap(MAP);
    FinishedRuns created = new FinishedRuns();
    FinishedRuns existing = map.putIfAbsent(MAP, created);
    return existing != null ? existing : created;
  }

  /** Adds a finished run; answers the id of the oldest one when there are now more than {@code max}, else null. */
  synchronized String add(String id, int max) {
    ids.addLast(id);
    return ids.size() > max ? ids.pollFirst() : null;
  }
}
