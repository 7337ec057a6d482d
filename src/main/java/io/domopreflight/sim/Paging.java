package io.domopreflight.sim;

import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The {@code limit} and {@code offset} of a list call, with Domo's default and maximum page sizes. */
record Paging(int limit, int offset) {

  /** Reads the parameters. What Domo does above the maximum is undocumented; clamping is the simulator's choice. */
  static Paging from(RoutingContext ctx, int defaultLimit, int maxLimit) {
    String limitText = ctx.queryParams().get("limit");
    String offsetText = ctx.queryParams().get("offset");
    int limit = limitText == null || limitText.isBlank() ? defaultLimit : Integer.parseInt(limitText.trim());
    int offset = offsetText == null || offsetText.isBlank() ? 0 : Integer.parseInt(offsetText.trim());
    return new Paging(limit <= 0 ? defaultLimit : Math.min(limit, maxLimit), Math.max(0, offset));
  }

  <T> List<T> slice(List<T> all) {
    if (offset >= all.size()) {
      return List.of();
    }
    return all.subList(offset, Math.min(all.size(), offset + limit));
  }
}
