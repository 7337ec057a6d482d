package io.domopreflight.run;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.stream.Collectors;

/** A preflight request that cannot be run as sent. The message names fields only, never their values. */
public final class InvalidRequestException extends RuntimeException {

  /** Failure code used when the refusal travels over the event bus as a {@code ReplyException}. */
  public static final int FAILURE_CODE = 400;

  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::describe).collect(Collectors.joining("; ")), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The body of the event-bus failure, so that callers on any node can rebuild the field list. */
  public String toWire() {
    return new JsonObject()
        .put("detail", getMessage())
        .put("errors", new JsonArray(errors.stream().map(FieldError::toJson).toList()))
        .encode();
  }

  /** Rebuilds the exception from {@link #toWire()}; returns {@code null} when the text is not such a body. */
  public static InvalidRequestException fromWire(String wire) {
    try {
      JsonArray errors = new JsonObject(wire).getJsonArray("errors");
      return new InvalidRequestException(errors.stream()
          .map(JsonObject.class::cast)
          .map(e -> new FieldError(e.getString("field"), e.getString("message")))
          .toList());
    } catch (RuntimeException notOurs) {
      return null;
    }
  }
}
