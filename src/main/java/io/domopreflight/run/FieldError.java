package io.domopreflight.run;

import io.vertx.core.json.JsonObject;

/** One reason a preflight request was refused, naming the field in JSON-pointer-like dotted form. */
public record FieldError(String field, String message) {

  /** {@code field: message}, or the message alone when it concerns the whole request. */
  public String describe() {
    return field.isEmpty() ? message : field + ": " + message;
  }

  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }
}
