package io.domopreflight.check;

import io.vertx.core.json.JsonObject;

/**
 * The verdict of one check, in the one shape used on the event bus, the command line and over HTTP.
 *
 * @param response  what Domo answered when it answered with an error status: the redacted, truncated body followed
 *                  by {@code #STATUS:<code>}; otherwise {@code null}
 * @param evidence  what the check saw when it passed or failed (granted scopes, columns found); never a secret
 */
public record CheckResult(String check, String title, Outcome outcome, String message, Category category,
                          Integer httpStatus, String response, String hint, long durationMs, JsonObject evidence) {

  public static CheckResult passed(CheckSpec spec, JsonObject evidence) {
    return new CheckResult(spec.id(), spec.title(), Outcome.PASSED, spec.successMessage(), null, null, null, null, 0,
        evidence);
  }

  public CheckResult withDuration(long millis) {
    return new CheckResult(check, title, outcome, message, category, httpStatus, response, hint, millis, evidence);
  }

  public boolean hasPassed() {
    return outcome == Outcome.PASSED;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("check", check)
        .put("title", title)
        .put("outcome", outcome.wire())
        .put("message", message)
        .put("category", category == null ? null : category.wire())
        .put("httpStatus", httpStatus)
        .put("response", response)
        .put("hint", hint)
        .put("durationMs", durationMs)
        .put("evidence", evidence == null ? new JsonObject() : evidence);
  }

  public static CheckResult fromJson(JsonObject json) {
    return new CheckResult(json.getString("check"), json.getString("title"),
        Outcome.fromWire(json.getString("outcome")), json.getString("message"),
        Category.fromWire(json.getString("category")), json.getInteger("httpStatus"), json.getString("response"),
        json.getString("hint"), json.getLong("durationMs", 0L), json.getJsonObject("evidence", new JsonObject()));
  }
}
