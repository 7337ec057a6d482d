package io.domopreflight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code GET /v1/datasets} (offset paging, at most 50 per page, sort and nameLike) and {@code GET /v1/datasets/{id}}.
 */
final class DatasetsEndpoint {

  private static final int MAX_LIMIT = 50;

  private final Simulation sim;
  private final BearerGuard guard;
  private final FaultInjector faults;

  DatasetsEndpoint(Simulation sim, BearerGuard guard, FaultInjector faults) {
    this.sim = sim;
    this.guard = guard;
    this.faults = faults;
  }

  void list(RoutingContext ctx) {
    guard.authorize(ctx, "data").ifPresent(auth -> faults.serve(ctx, auth, "datasets", () -> listReply(ctx)));
  }

  void detail(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    guard.authorize(ctx, "data").ifPresent(auth -> faults.serve(ctx, auth, "dataset", () -> {
      Reply refusal = DatasetAccess.refusal(sim.datasets.find(id), id, false);
      return refusal != null ? refusal : Reply.json(200, sim.datasets.detail(sim.datasets.find(id).orElseThrow()));
    }));
  }

  private Reply listReply(RoutingContext ctx) {
    String sort = ctx.queryParams().get("sort");
    if (sort != null && !DatasetCatalog.SORTS.contains(sort)) {
      return DatasetAccess.badRequest("Invalid value '" + sort + "' for parameter sort. Allowed values: "
          + String.join(", ", DatasetCatalog.SORTS));
    }

    Paging paging;
    try {
      paging = Paging.from(ctx, MAX_LIMIT, MAX_LIMIT);
    } catch (NumberFormatException e) {
      return DatasetAccess.badRequest("limit and offset must be whole numbers");
    }

    List<SimDataset> visible = sim.datasets.visible(ctx.queryParams().get("nameLike"), sort);
    return Reply.json(200, new JsonArray(paging.slice(visible).stream().map(sim.datasets::listItem).toList()));
  }
}
