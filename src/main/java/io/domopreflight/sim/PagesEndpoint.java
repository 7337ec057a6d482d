package io.domopreflight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/pages} (bare array of page trees; limit default 50, maximum 500; limit and offset count top-level
 * pages, a choice since Domo does not document it) and {@code GET /v1/pages/{id}}. Both need the dashboard scope.
 */
final class PagesEndpoint {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;
  private static final int CARDS_PER_PAGE = 3;

  private final Simulation sim;
  private final BearerGuard guard;
  private final FaultInjector faults;

  PagesEndpoint(Simulation sim, BearerGuard guard, FaultInjector faults) {
    this.sim = sim;
    this.guard = guard;
    this.faults = faults;
  }

  void list(RoutingContext ctx) {
    guard.authorize(ctx, "dashboard").ifPresent(auth -> faults.serve(ctx, auth, "pages", () -> {
      Paging paging;
      try {
        paging = Paging.from(ctx, DEFAULT_LIMIT, MAX_LIMIT);
      } catch (NumberFormatException e) {
        return DatasetAccess.badRequest("limit and offset must be whole numbers");
      }
      List<Integer> roots = paging.slice(sim.pages.roots());
      return Reply.json(200, new JsonArray(roots.stream().map(sim.pages::node).toList()));
    }));
  }

  void detail(RoutingContext ctx) {
    guard.authorize(ctx, "dashboard").ifPresent(auth -> faults.serve(ctx, auth, "pages", () -> {
      long pageId;
      try {
        pageId = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        return DatasetAccess.badRequest("Page id must be a number");
      }
      if (!sim.pages.contains(pageId)) {
        return Reply.json(404, DomoBodies.envelope(404, "Not Found", "Page " + pageId + " was not found"));
      }
      int index = (int) (pageId - PageTree.FIRST_PAGE_ID);
      return Reply.json(200, sim.pages.detail(index, cardsOn(index)));
    }));
  }

  /** The first cards that the Card Pages report places on this page (row i sits on page i mod pageCount). */
  private List<Long> cardsOn(int index) {
    List<Long> cards = new ArrayList<>();
    for (int i = 0; i < CARDS_PER_PAGE; i++) {
      cards.add(RowValues.FIRST_CARD_ID + index + (long) i * sim.pages.count());
    }
    return cards;
  }
}
