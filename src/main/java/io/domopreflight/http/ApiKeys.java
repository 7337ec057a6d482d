package io.domopreflight.http;

import io.domopreflight.domo.Fingerprint;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API keys of {@code auth.apiKeys}. A caller is known by the fingerprint of its key, which is all that a run
 * stores. No keys means an open API (the demo).
 *
 * <p>A run's stream token is an HMAC of the run id under the key that started it: it opens that run's event stream
 * and nothing else, any node can check it without shared state, and a browser can put it in an EventSource URL,
 * which cannot carry headers. Nothing about it is stored.
 */
final class ApiKeys {

  private static final String BEARER = "bearer ";

  private final Map<String, byte[]> keysByCaller;

  ApiKeys(List<String> keys) {
    this.keysByCaller = keys.stream()
        .map(String::trim)
        .filter(key -> !key.isEmpty())
        .distinct()
        .collect(Collectors.toMap(Fingerprint::of, key -> key.getBytes(StandardCharsets.UTF_8), (a, b) -> a));
  }

  boolean isOpen() {
    return keysByCaller.isEmpty();
  }

  /** The caller's fingerprint when the header carries a configured key as a bearer token, else null. */
  String callerOf(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return null;
    }
    String caller = Fingerprint.of(authorization.substring(BEARER.length()).trim());
    return keysByCaller.containsKey(caller) ? caller : null;
  }

  /** The token that opens one run's events for its caller; null when the API is open or the caller is unknown. */
  String streamToken(String caller, String runId) {
    byte[] key = caller == null ? null : keysByCaller.get(caller);
    return key == null ? null : hmac(key, runId);
  }

  boolean opensStream(String token, String caller, String runId) {
    String expected = streamToken(caller, runId);
    return token != null && expected != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(byte[] key, String runId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(("events:" + runId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", impossible);
    }
  }

  @Override
  public String toString() {
    // Never the keys themselves: this may end up in a log line.
    return keysByCaller.size() + " API key(s)";
  }
}
