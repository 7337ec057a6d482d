package io.domopreflight.run;

import io.domopreflight.check.CheckSpec;
import io.domopreflight.domo.Fingerprint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller asks for, in the one JSON shape shared by the event bus, the command line and HTTP:
 * {@code {apiHost?, clientId, clientSecret, domoStats: {cards, cardPages, cardDatasource}, checks?}}.
 *
 * <p>{@link #toString()} never shows the secret; {@link #summary()} is what may be stored or shown.
 */
public record PreflightRequest(String apiHost, String clientId, String clientSecret, JsonObject domoStats,
                               List<CheckSpec> checks) {

  static final int MAX_ID_LENGTH = 256;
  static final int MAX_SECRET_LENGTH = 1024;
  static final int MAX_HOST_LENGTH = 2048;
  static final int MAX_DATASET_LENGTH = 2048;
  private static final List<String> DOMO_STATS_FIELDS = List.of("cards", "cardPages", "cardDatasource");

  /**
   * Reads and validates a request.
   *
   * @param defaultApiHost used when the request names no API host
   * @throws InvalidRequestException listing every field that is missing, of the wrong type or out of bounds
   */
  public static PreflightRequest parse(JsonObject json, String defaultApiHost) {
    List<FieldError> errors = new ArrayList<>();

    String apiHost = optionalString(json, "apiHost", "apiHost", MAX_HOST_LENGTH, errors);
    String clientId = requiredString(json, "clientId", MAX_ID_LENGTH, errors);
    String clientSecret = requiredString(json, "clientSecret", MAX_SECRET_LENGTH, errors);
    JsonObject domoStats = domoStats(json, errors);
    List<CheckSpec> checks = checks(json, errors);

    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    String host = apiHost == null || apiHost.isBlank() ? defaultApiHost : apiHost.trim();
    return new PreflightRequest(host, clientId.trim(), clientSecret, domoStats, checks);
  }

  /** The DomoStats dataset ID or URL the user gave for a check, or {@code null}. */
  public String datasetFor(CheckSpec check) {
    return check.domoStatsField() == null ? null : domoStats.getString(check.domoStatsField());
  }

  /** The request as it travels between verticles, secret included. Never log or store it. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("apiHost", apiHost)
        .put("clientId", clientId)
        .put("clientSecret", clientSecret)
        .put("domoStats", domoStats.copy())
        .put("checks", new JsonArray(checks.stream().map(CheckSpec::id).toList()));
  }

  /** What may be stored with a run or shown: no secret, only its fingerprint. */
  public JsonObject summary() {
    return new JsonObject()
        .put("apiHost", apiHost)
        .put("clientId", clientId)
        .put("secretFingerprint", Fingerprint.of(clientSecret))
        .put("domoStats", domoStats.copy())
        .put("checks", new JsonArray(checks.stream().map(CheckSpec::id).toList()));
  }

  /** Two requests with the same key would make the same calls to Domo and get the same verdicts. */
  public String dedupeKey() {
    return Fingerprint.of(summary().encode());
  }

  @Override
  public String toString() {
    return "PreflightRequest" + summary().encode();
  }

  private static String requiredString(JsonObject json, String field, int maxLength, List<FieldError> errors) {
    Object value = json.getValue(field);
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    String text = checkString(value, field, maxLength, errors);
    if (text != null && text.isBlank()) {
      errors.add(new FieldError(field, "must not be blank"));
    }
    return text;
  }

  private static String optionalString(JsonObject json, String key, String field, int maxLength,
                                       List<FieldError> errors) {
    Object value = json.getValue(key);
    return value == null ? null : checkString(value, field, maxLength, errors);
  }

  private static String checkString(Object value, String field, int maxLength, List<FieldError> errors) {
    if (!(value instanceof String text)) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    if (text.length() > maxLength) {
      errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
      return null;
    }
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      errors.add(new FieldError(field, "must not contain control characters"));
      return null;
    }
    return text;
  }

  private static JsonObject domoStats(JsonObject json, List<FieldError> errors) {
    Object value = json.getValue("domoStats");
    JsonObject ids = new JsonObject();
    if (value == null) {
      return ids;
    }
    if (!(value instanceof JsonObject given)) {
      errors.add(new FieldError("domoStats", "must be an object with cards, cardPages and cardDatasource"));
      return ids;
    }
    for (String field : DOMO_STATS_FIELDS) {
      String id = optionalString(given, field, "domoStats." + field, MAX_DATASET_LENGTH, errors);
      if (id != null && !id.isBlank()) {
        ids.put(field, id.trim());
      }
    }
    given.fieldNames().stream()
        .filter(name -> !DOMO_STATS_FIELDS.contains(name))
        .forEach(name -> errors.add(new FieldError("domoStats." + name,
            "is not a DomoStats field; use cards, cardPages or cardDatasource")));
    return ids;
  }

  private static List<CheckSpec> checks(JsonObject json, List<FieldError> errors) {
    Object value = json.getValue("checks");
    if (value == null) {
      return List.of(CheckSpec.values());
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError("checks", "must be an array of check ids: " + CheckSpec.ids()));
      return List.of();
    }
    if (array.isEmpty()) {
      errors.add(new FieldError("checks", "must name at least one check: " + CheckSpec.ids()));
    }
    Set<CheckSpec> checks = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Object id = array.getValue(i);
      Optional<CheckSpec> check = id instanceof String text ? CheckSpec.byId(text) : Optional.empty();
      if (check.isEmpty()) {
        errors.add(new FieldError("checks[" + i + "]", "is not a known check; known checks: " + CheckSpec.ids()));
      } else {
        checks.add(check.get());
      }
    }
    // Every check but authentication needs its token, so authentication always runs first when they do.
    if (checks.stream().anyMatch(CheckSpec::needsToken)) {
      checks.add(CheckSpec.AUTHENTICATION);
    }
    return Arrays.stream(CheckSpec.values()).filter(checks::contains).toList();
  }
}
