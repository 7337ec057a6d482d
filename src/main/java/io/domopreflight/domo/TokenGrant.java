package io.domopreflight.domo;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;

/**
 * An access token granted by Domo's token endpoint. {@link #toString()} never shows the token.
 *
 * @param expiresAtMs wall-clock time at which Domo said the token expires
 */
public record TokenGrant(String accessToken, List<String> scopes, long issuedAtMs, long expiresAtMs, String role,
                         String customer) {

  /** Reads a token answer, or returns null when the body is not one. */
  public static TokenGrant fromJson(Object json) {
    if (!(json instanceof JsonObject body) || !(body.getValue("access_token") instanceof String token)
        || token.isBlank()) {
      return null;
    }
    long expiresIn = expiresIn(body.getValue("expires_in"));
    String scope = body.getValue("scope") instanceof String s ? s : "";
    long now = System.currentTimeMillis();
    return new TokenGrant(token, Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList(),
        now, now + expiresIn * 1000, stringOrNull(body.getValue("role")),
        stringOrNull(body.getValue("customer")));
  }

  /** Rebuilds a grant passed between verticles as {@code {accessToken, scopes, expiresAtMs}}. */
  public static TokenGrant fromTransfer(JsonObject json) {
    if (json == null || json.getString("accessToken") == null) {
      return null;
    }
    return new TokenGrant(json.getString("accessToken"),
        json.getJsonArray("scopes").stream().map(String::valueOf).toList(), json.getLong("issuedAtMs"),
        json.getLong("expiresAtMs"), null, null);
  }

  /** The grant as it travels from the authentication check to the others; never stored or published. */
  public JsonObject toTransfer() {
    return new JsonObject().put("accessToken", accessToken).put("scopes", scopes)
        .put("issuedAtMs", issuedAtMs).put("expiresAtMs", expiresAtMs);
  }

  /** Still usable for at least the margin: a tenth of its life, at most a minute, so short tokens stay useful. */
  public boolean isFresh() {
    long margin = Math.min(60_000, (expiresAtMs - issuedAtMs) / 10);
    return System.currentTimeMillis() + margin < expiresAtMs;
  }

  private static long expiresIn(Object value) {
    // Domo documents a number; the Java SDK models it as a string, so accept both.
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? 3599 : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      return 3599;
    }
  }

  private static String stringOrNull(Object value) {
    return value == null ? null : value.toString();
  }

  @Override
  public String toString() {
    return "TokenGrant[scopes=" + scopes + ", expiresAtMs=" + expiresAtMs + "]";
  }
}
