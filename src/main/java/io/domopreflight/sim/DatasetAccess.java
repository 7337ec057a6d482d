package io.domopreflight.sim;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/** Why the client's user may not read a dataset by id, answered the way Domo answers it. */
final class DatasetAccess {

  private DatasetAccess() {
  }

  /**
   * The refusal for this dataset, or {@code null} when it can be read.
   *
   * @param deletedIsGone  whether a deleted dataset is treated as missing (query, export) rather than described
   */
  static Reply refusal(Optional<SimDataset> dataset, String id, boolean deletedIsGone) {
    if (dataset.isEmpty()) {
      return notFound(id);
    }
    return switch (dataset.get().behaviour().kind()) {
      case NOT_SHARED -> Reply.json(403, new JsonObject().put("status", 403).put("toe", DomoBodies.toe()));
      case NOT_SHARED_400 -> FaultInjector.accessDenied400();
      case DELETED -> deletedIsGone ? notFound(id) : null;
      default -> null;
    };
  }

  /** ASSUMED shape: the usual Domo envelope, as no public sample of a 404 for a dataset id exists. */
  static Reply notFound(String id) {
    return Reply.json(404, DomoBodies.envelope(404, "Not Found", "DataSet " + id + " was not found"));
  }

  static Reply badRequest(String message) {
    return Reply.json(400, DomoBodies.envelope(400, "Bad Request", message));
  }
}
