package io.domopreflight.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/datasets/{id}/data}: the dataset as CSV, with a header row only when {@code includeHeader} is true
 * (pydomo sends Python's {@code True}). Rows are generated while the client reads them.
 */
final class ExportEndpoint {

  private static final int ROWS_PER_CHUNK = 1000;

  private final Simulation sim;
  private final BearerGuard guard;
  private final FaultInjector faults;

  ExportEndpoint(Simulation sim, BearerGuard guard, FaultInjector faults) {
    this.sim = sim;
    this.guard = guard;
    this.faults = faults;
  }

  void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    boolean header = "true".equalsIgnoreCase(ctx.queryParams().get("includeHeader"));
    guard.authorize(ctx, "data").ifPresent(auth -> faults.serve(ctx, auth, "export", () -> {
      Reply refusal = DatasetAccess.refusal(sim.datasets.find(id), id, true);
      return refusal != null ? refusal
          : Reply.streamed(200, Reply.CSV, new CsvBody(sim.datasets.find(id).orElseThrow(), header));
    }));
  }

  private final class CsvBody implements ChunkSource {

    private final List<ReportColumn> columns;
    private final long rows;
    private boolean headerPending;
    private long next;

    CsvBody(SimDataset dataset, boolean header) {
      this.columns = dataset.columns();
      this.rows = dataset.rowCount();
      this.headerPending = header;
    }

    @Override
    public Buffer next() {
      if (headerPending) {
        headerPending = false;
        return Buffer.buffer(columns.stream().map(c -> escape(c.name())).collect(Collectors.joining(",")) + "\n");
      }
      if (next >= rows) {
        return null;
      }
      StringBuilder chunk = new StringBuilder();
      for (int i = 0; i < ROWS_PER_CHUNK && next < rows; i++, next++) {
        long row = next;
        chunk.append(columns.stream().map(c -> escape(String.valueOf(sim.values.value(c, row))))
            .collect(Collectors.joining(","))).append('\n');
      }
      return Buffer.buffer(chunk.toString());
    }
  }

  private static String escape(String value) {
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
