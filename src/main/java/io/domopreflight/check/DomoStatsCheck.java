package io.domopreflight.check;

import io.domopreflight.domo.DatasetId;
import io.domopreflight.domo.DomoCall;
import io.domopreflight.domo.DomoClient;
import io.domopreflight.domo.DomoResponse;
import io.domopreflight.domo.DomoStatsReport;
import io.domopreflight.domo.JsonPrefix;
import io.domopreflight.domo.JsonPrefix.QueryPrefix;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * Passes when the DataSet given for a DomoStats report has that report's columns and at least one row. It asks
 * Domo's query API for one row, so the cost is the same for a report of a thousand rows or of millions.
 */
public final class DomoStatsCheck extends CheckVerticle {

  static final String SQL = "SELECT * FROM table LIMIT 1";
  /** One row of any DomoStats report fits many times over; a Domo that ignores LIMIT costs no more than this. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final DomoStatsReport report;

  public DomoStatsCheck(CheckSpec spec, DomoClient domo) {
    super(spec, domo);
    this.report = DomoStatsReport.forRequestField(spec.domoStatsField());
  }

  @Override
  protected Future<CheckReply> evaluate(CheckRequest request, Findings findings) {
    findings.put("field", report.requestField()).put("report", report.title())
        .put("expected", String.join(", ", report.requiredColumns())).put("given", request.dataset());
    if (request.dataset() == null || request.dataset().isBlank()) {
      return Future.succeededFuture(CheckReply.of(findings.verdict(Verdict.DATASET_ID_MISSING)));
    }
    Optional<String> datasetId = DatasetId.normalise(request.dataset());
    if (datasetId.isEmpty()) {
      return Future.succeededFuture(CheckReply.of(findings.verdict(Verdict.DATASET_ID_INVALID)));
    }

    String id = datasetId.get();
    String endpoint = "POST /v1/datasets/query/execute/{id}";
    findings.put("datasetId", id).put("endpoint", endpoint);
    DomoCall query = DomoCall.postJson("/v1/datasets/query/execute/" + id,
        new JsonObject().put("sql", SQL).encode(), endpoint).readingAtMost(MAX_ANSWER_BYTES);

    return queryOnce(request, query, true).map(answer -> CheckReply.of(read(answer, id, findings)));
  }

  /** Domo sometimes answers a valid query with "Error creating query"; a second try usually succeeds. */
  private Future<DomoResponse> queryOnce(CheckRequest request, DomoCall query, boolean mayRetry) {
    return domo.call(request.credentials(), request.grant(), query, request.deadline()).compose(answer -> {
      boolean transientQueryError = answer.status() == 400 && answer.bodyLowerCase().contains("error creating query");
      return transientQueryError && mayRetry ? queryOnce(request, query, false) : Future.succeededFuture(answer);
    });
  }

  private CheckResult read(DomoResponse answer, String id, Findings findings) {
    if (!answer.isSuccess()) {
      return onErrorStatus(answer, findings);
    }
    QueryPrefix read = answer.truncated() ? JsonPrefix.queryAnswer(answer.body()) : complete(answer.json());
    if (read == null) {
      return findings.onUnexpectedBody(answer);
    }

    List<String> columns = read.columns();
    int rows = read.rowsSeen();
    JsonObject evidence = new JsonObject().put("datasetId", id).put("columns", new JsonArray(columns))
        .put("rowsSampled", rows);
    List<String> missing = report.missingFrom(columns);
    if (missing.isEmpty()) {
      return rows > 0 ? CheckResult.passed(spec(), evidence) : findings.verdict(Verdict.EMPTY_REPORT, evidence);
    }
    return mismatch(columns, missing, findings, evidence);
  }

  private static QueryPrefix complete(Object json) {
    if (!(json instanceof JsonObject body) || !(body.getValue("columns") instanceof JsonArray columns)) {
      return null;
    }
    int rows = body.getValue("rows") instanceof JsonArray r ? r.size() : 0;
    return new QueryPrefix(columns.stream().map(String::valueOf).toList(), rows);
  }

  private CheckResult mismatch(List<String> columns, List<String> missing, Findings findings, JsonObject evidence) {
    Optional<DomoStatsReport> other = DomoStatsReport.recognise(columns).filter(r -> r != report);
    findings.put("missing", String.join(", ", missing))
        .put("found", columns.isEmpty() ? "no columns" : String.join(", ", columns));
    if (other.isPresent()) {
      DomoStatsReport found = other.get();
      findings.put("found", found.title()).put("foundField", "domoStats." + found.requestField());
      evidence.put("recognisedReport", found.title());
      return findings.verdict(found.isLegacy() ? Verdict.LEGACY_REPORT : Verdict.WRONG_REPORT, evidence);
    }
    return findings.verdict(Verdict.MISSING_COLUMNS, evidence);
  }

  private static CheckResult onErrorStatus(DomoResponse answer, Findings findings) {
    Object body = answer.json();
    boolean scopeMissing = body instanceof JsonObject json && "insufficient_scope".equals(json.getValue("error"));
    if (answer.status() == 404) {
      return findings.verdict(Verdict.DATASET_NOT_FOUND, answer);
    }
    if (!scopeMissing && (answer.status() == 403
        || answer.status() == 400 && answer.bodyLowerCase().contains("access is denied"))) {
      return findings.verdict(Verdict.DATASET_NOT_SHARED, answer);
    }
    return findings.onErrorStatus(answer, "data");
  }
}
