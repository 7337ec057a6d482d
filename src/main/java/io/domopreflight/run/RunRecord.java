package io.domopreflight.run;

import io.domopreflight.check.CheckResult;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.Outcome;
import io.domopreflight.domo.Fingerprint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * One run as stored: its request summary (no secret), the current verdict of every check, and its event log.
 *
 * <pre>
 * {id, status: running|done, caller, owner, dedupeKey, deadlineAt, request, startedAt, finishedAt, durationMs, outcome,
 *  checks: [result or {check, title, outcome: "pending"}], events: [{seq, type, data}]}
 * </pre>
 * Events are numbered 1, 2, 3, ... per run: a {@code check} event as each check reaches its outcome, then one
 * {@code done} event carrying the report.
 */
public final class RunRecord {

  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String DONE = "done";

  private final JsonObject json;

  public RunRecord(JsonObject json) {
    this.json = json;
  }

  /**
   * A new run with every requested check pending.
   *
   * @param caller the fingerprint of the API key that started it, or null when the API is open; two callers never
   *     share a run
   * @param owner  the node that coordinates it
   */
  public static RunRecord start(String id, PreflightRequest request, String caller, String owner, long deadlineAt) {
    JsonArray checks = new JsonArray();
    request.checks().forEach(check -> checks.add(pending(check)));
    // Milliseconds, like finishedAt and durationMs, so both stamps read alike.
    long startedAt = System.currentTimeMillis();
    return new RunRecord(new JsonObject()
        .put("id", id)
        .put("status", RUNNING)
        .put("caller", caller)
        .put("owner", owner)
        .put("dedupeKey", Fingerprint.of((caller == null ? "" : caller) + "|" + request.dedupeKey()))
        .put("deadlineAt", deadlineAt)
        .put("request", request.summary())
        .put("startedAt", Instant.ofEpochMilli(startedAt).toString())
        .put("startedAtMs", startedAt)
        .put("checks", checks)
        .put("events", new JsonArray()));
  }

  private static JsonObject pending(CheckSpec check) {
    return new JsonObject().put("check", check.id()).put("title", check.title()).put("outcome", PENDING);
  }

  public String id() {
    return json.getString("id");
  }

  /** The fingerprint of the API key that started the run, or null when the API was open. */
  public String caller() {
    return json.getString("caller");
  }

  /** Runs with the same key would make the same calls for the same caller: an identical request joins the first. */
  public String dedupeKey() {
    return json.getString("dedupeKey");
  }

  public String owner() {
    return json.getString("owner");
  }

  public long deadlineAt() {
    return json.getLong("deadlineAt");
  }

  public boolean isDone() {
    return DONE.equals(json.getString("status"));
  }

  public JsonObject json() {
    return json;
  }

  public JsonArray events() {
    return json.getJsonArray("events");
  }

  public int lastSeq() {
    return events().size();
  }

  /** The ids of the checks that have no outcome yet. */
  public List<String> pendingChecks() {
    return json.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .filter(c -> PENDING.equals(c.getString("outcome")))
        .map(c -> c.getString("check"))
        .toList();
  }

  public boolean hasOutcome(String checkId) {
    return json.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .anyMatch(c -> checkId.equals(c.getString("check")) && !PENDING.equals(c.getString("outcome")));
  }

  /** Records a check's verdict and returns its event, numbered after the last one. */
  public JsonObject recordResult(CheckResult result) {
    JsonArray checks = json.getJsonArray("checks");
    for (int i = 0; i < checks.size(); i++) {
      if (result.check().equals(checks.getJsonObject(i).getString("check"))) {
        checks.set(i, result.toJson());
      }
    }
    return appendEvent("check", result.toJson());
  }

  /** Closes the run with its overall outcome and returns the {@code done} event carrying the report. */
  public JsonObject finish() {
    long finishedAt = System.currentTimeMillis();
    json.put("status", DONE)
        .put("finishedAt", Instant.ofEpochMilli(finishedAt).toString())
        .put("durationMs", finishedAt - json.getLong("startedAtMs"))
        .put("outcome", overallOutcome().wire());
    return appendEvent("done", report());
  }

  /**
   * The public view: {@code {id, status, outcome, startedAt, finishedAt, durationMs, checks[]}}. While running,
   * outcome, finishedAt and durationMs are null and unfinished checks are {@code pending}.
   */
  public JsonObject report() {
    return new JsonObject()
        .put("id", id())
        .put("status", json.getString("status"))
        .put("outcome", json.getString("outcome"))
        .put("startedAt", json.getString("startedAt"))
        .put("finishedAt", json.getString("finishedAt"))
        .put("durationMs", json.getLong("durationMs"))
        .put("checks", json.getJsonArray("checks").copy());
  }

  /** Failed if any check failed, else error if any errored, else passed. */
  Outcome overallOutcome() {
    List<String> outcomes = json.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .map(c -> c.getString("outcome"))
        .toList();
    if (outcomes.contains(Outcome.FAILED.wire())) {
      return Outcome.FAILED;
    }
    if (outcomes.contains(Outcome.ERROR.wire())) {
      return Outcome.ERROR;
    }
    return Outcome.PASSED;
  }

  private JsonObject appendEvent(String type, JsonObject data) {
    JsonObject event = new JsonObject().put("seq", lastSeq() + 1).put("type", type).put("data", data);
    events().add(event);
    return event;
  }
}
