package io.domopreflight.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/datasets/query/execute/{id}} with body {@code {"sql": "..."}}: the columnar answer of Domo's query
 * API, rows generated and streamed as they are written, capped at Domo's one million rows.
 */
final class QueryEndpoint {

  static final long MAX_ROWS = 1_000_000;
  private static final int ROWS_PER_CHUNK = 500;

  private final Simulation sim;
  private final BearerGuard guard;
  private final FaultInjector faults;

  QueryEndpoint(Simulation sim, BearerGuard guard, FaultInjector faults) {
    this.sim = sim;
    this.guard = guard;
    this.faults = faults;
  }

  void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    guard.authorize(ctx, "data").ifPresent(auth -> faults.serve(ctx, auth, "query", () -> answer(ctx, auth, id)));
  }

  private Reply answer(RoutingContext ctx, Authorized auth, String id) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return DatasetAccess.badRequest("Required request body is missing");
    }
    Object sql;
    try {
      sql = new JsonObject(body).getValue("sql");
    } catch (DecodeException | ClassCastException e) {
      return DatasetAccess.badRequest("JSON parse error: the request body is not a JSON object");
    }
    if (sql == null) {
      return DatasetAccess.badRequest("Required property 'sql' is missing");
    }
    if (!(sql instanceof String text)) {
      String token = sql instanceof JsonArray ? "START_ARRAY" : sql instanceof JsonObject ? "START_OBJECT" : "VALUE";
      return DatasetAccess.badRequest("Cannot deserialize instance of java.lang.String out of " + token + " token");
    }

    Optional<SimDataset> found = sim.datasets.find(id);
    Reply refusal = DatasetAccess.refusal(found, id, true);
    if (refusal != null) {
      return refusal;
    }
    SimDataset dataset = found.get();
    if (dataset.is(DatasetBehaviour.Kind.QUERY_ERROR_ONCE)
        && sim.memory.firstTime(auth.client().clientId(), "query-error:" + id)) {
      return DatasetAccess.badRequest("Error creating query");
    }

    Optional<SqlQuery> query = SqlQuery.parse(text);
    if (query.isEmpty()) {
      return DatasetAccess.badRequest("Error creating query: only SELECT ... FROM table [LIMIT n] is supported");
    }
    return result(dataset, query.get());
  }

  private Reply result(SimDataset dataset, SqlQuery query) {
    List<ReportColumn> selected = new ArrayList<>();
    for (String name : query.selectsAll() ? List.<String>of() : query.columns()) {
      Optional<ReportColumn> column = dataset.columns().stream().filter(c -> c.name().equalsIgnoreCase(name))
          .findFirst();
      if (column.isEmpty()) {
        return DatasetAccess.badRequest("Error creating query: unknown column '" + name + "'");
      }
      selected.add(column.get());
    }
    if (query.selectsAll()) {
      selected.addAll(dataset.columns());
    }

    long available = Math.max(0, dataset.rowCount() - query.offset());
    long count = Math.min(Math.min(available, MAX_ROWS), query.limit() == null ? MAX_ROWS : query.limit());
    return Reply.streamed(200, Reply.JSON, new ColumnarBody(dataset, selected, query.offset(), count));
  }

  /** The JSON of a query result, header first and then the rows a chunk at a time. */
  private final class ColumnarBody implements ChunkSource {

    private final SimDataset dataset;
    private final List<ReportColumn> columns;
    private final long end;
    private long next;
    private boolean headerSent;
    private boolean finished;

    ColumnarBody(SimDataset dataset, List<ReportColumn> columns, long offset, long count) {
      this.dataset = dataset;
      this.columns = columns;
      this.next = offset;
      this.end = offset + count;
    }

    @Override
    public Buffer next() {
      if (!headerSent) {
        headerSent = true;
        return Buffer.buffer(header());
      }
      if (finished) {
        return null;
      }
      StringBuilder chunk = new StringBuilder();
      for (int i = 0; i < ROWS_PER_CHUNK && next < end; i++, next++) {
        JsonArray row = new JsonArray();
        columns.forEach(c -> row.add(sim.values.value(c, next)));
        chunk.append(row.encode()).append(next + 1 < end ? "," : "");
      }
      if (next >= end) {
        finished = true;
        chunk.append("]}");
      }
      return Buffer.buffer(chunk.toString());
    }

    /** Everything but the rows; a dataset with the malformed_query behaviour leaves out {@code columns}. */
    private String header() {
      JsonObject head = new JsonObject().put("datasource", dataset.id());
      if (!dataset.is(DatasetBehaviour.Kind.MALFORMED_QUERY)) {
        head.put("columns", new JsonArray(columns.stream().map(ReportColumn::name).toList()));
      }
      JsonArray metadata = new JsonArray(columns.stream().map(c -> new JsonObject().put("type", c.type())
          .put("dataSourceId", dataset.id()).put("maxLength", -1).put("minLength", -1).put("periodIndex", 0))
          .toList());
      head.put("metadata", metadata).put("numRows", end - next).put("numColumns", columns.size())
          .put("fromcache", false);
      String json = head.encode();
      return json.substring(0, json.length() - 1) + ",\"rows\":[";
    }
  }
}
